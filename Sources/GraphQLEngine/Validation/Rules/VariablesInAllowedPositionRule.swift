/// Every variable is used only where its type is allowed: the same type, or
/// a stricter one (non-null for nullable; list items contravariant), or a
/// nullable variable where a non-null one is expected when a default value
/// (of the variable or of the position) stands in for null.
/// https://spec.graphql.org/October2021/#sec-All-Variable-Usages-are-Allowed
///
/// Checked when leaving an operation, over its own usages and those of every
/// fragment it reaches. Undefined variables are left to `NoUndefinedVariablesRule`.
public final class VariablesInAllowedPositionRule: ValidationRule {
    public static let visitedKinds: ASTNodeKinds = [.operationDefinition, .variableDefinition]

    let context: ValidationContext
    private var definitions: [String: VariableDefinition] = [:]

    public init(context: ValidationContext) {
        self.context = context
    }

    public func enter(_ node: OperationDefinition) -> VisitAction {
        definitions = [:]
        return .continue
    }

    public func enter(_ node: VariableDefinition) -> VisitAction {
        definitions[node.variable.name.value] = node
        return .continue
    }

    public func leave(_ node: OperationDefinition) {
        let schema = context.schema
        for usage in context.recursiveVariableUsages(of: node) {
            let name = usage.node.name.value
            guard let definition = definitions[name], let expected = usage.type else { continue }
            let variableType = TypeRef(definition.type)
            guard schema.type(named: variableType.namedTypeName) != nil else { continue }
            if !isAllowed(variableType, definition.defaultValue, in: expected, usage.defaultValue) {
                context.report(
                    "Variable \"$\(name)\" of type \"\(variableType)\" used in position expecting type \"\(expected)\".",
                    at: [definition.loc, usage.node.loc])
            }
        }
    }

    /// https://spec.graphql.org/October2021/#IsVariableUsageAllowed()
    private func isAllowed(
        _ variableType: TypeRef, _ variableDefault: Value?, in locationType: TypeRef, _ locationDefault: Value?
    ) -> Bool {
        if case .nonNull(let nullableLocation) = locationType, !variableType.isNonNull {
            var hasNonNullVariableDefault = false
            if let variableDefault {
                if case .null = variableDefault {} else { hasNonNullVariableDefault = true }
            }
            guard hasNonNullVariableDefault || locationDefault != nil else { return false }
            return context.schema.isTypeSubTypeOf(variableType, nullableLocation)
        }
        return context.schema.isTypeSubTypeOf(variableType, locationType)
    }
}
