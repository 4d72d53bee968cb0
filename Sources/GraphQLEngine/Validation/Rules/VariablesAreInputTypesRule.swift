/// A variable's type must be an input type (scalar, enum or input object,
/// possibly wrapped); unknown types are left to `KnownTypeNamesRule`.
/// https://spec.graphql.org/October2021/#sec-Variables-Are-Input-Types
final class VariablesAreInputTypesRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.variableDefinition]

    private let context: ValidationContext

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: VariableDefinition) -> VisitAction {
        let type = TypeRef(node.type)
        if let named = context.schema.namedType(of: type), !named.isInputType {
            context.report(
                "Variable \"$\(node.variable.name.value)\" cannot be non-input type \"\(type)\".", at: [node.type.loc])
        }
        return .continue
    }
}
