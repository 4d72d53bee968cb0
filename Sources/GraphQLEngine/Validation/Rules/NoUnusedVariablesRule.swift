/// Every variable an operation defines is used, in its own selections or in
/// the fragments it reaches.
/// https://spec.graphql.org/October2021/#sec-All-Variables-Used
final class NoUnusedVariablesRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.operationDefinition, .fragmentDefinition]

    private let context: ValidationContext

    init(context: ValidationContext) {
        self.context = context
    }

    // Reported on leaving the operation, so errors come out in the order
    // graphql-js reports them among the other rules' errors.
    func leave(_ node: OperationDefinition) {
        if node.variableDefinitions.isEmpty { return }
        let usages = context.recursiveVariableUsages(of: node)
        let used = VariableNameSet(usages.lazy.map(\.node.name.value))
        for definition in node.variableDefinitions where !used.contains(definition.variable.name.value) {
            let name = definition.variable.name.value
            let message =
                node.name.map { "Variable \"$\(name)\" is never used in operation \"\($0.value)\"." }
                ?? "Variable \"$\(name)\" is never used."
            context.report(message, at: [definition.loc])
        }
    }

    func enter(_ node: FragmentDefinition) -> VisitAction { .skip }
}
