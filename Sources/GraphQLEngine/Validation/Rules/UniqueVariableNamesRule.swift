/// An operation defines each variable once; a repeated name is reported once,
/// at every definition of it.
/// https://spec.graphql.org/October2021/#sec-Variable-Uniqueness
final class UniqueVariableNamesRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.operationDefinition, .fragmentDefinition]

    private let context: ValidationContext

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: OperationDefinition) -> VisitAction {
        // One variable or none cannot repeat (the common case, with no dictionary).
        if node.variableDefinitions.count < 2 { return .skip }
        var order: [String] = []
        var namesByVariable: [String: [Name]] = [:]
        for definition in node.variableDefinitions {
            let name = definition.variable.name
            if namesByVariable[name.value] == nil { order.append(name.value) }
            namesByVariable[name.value, default: []].append(name)
        }
        for variable in order {
            guard let names = namesByVariable[variable], names.count > 1 else { continue }
            context.report("There can be only one variable named \"$\(variable)\".", at: names.map(\.loc))
        }
        return .skip
    }

    func enter(_ node: FragmentDefinition) -> VisitAction { .skip }
}
