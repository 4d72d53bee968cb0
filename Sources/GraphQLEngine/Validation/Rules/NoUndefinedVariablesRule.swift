/// Every variable an operation uses, in its own selections or in the
/// fragments it reaches, is defined by that operation. Each use of an
/// undefined variable is reported, with the operation.
/// https://spec.graphql.org/October2021/#sec-All-Variable-Uses-Defined
final class NoUndefinedVariablesRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.operationDefinition, .fragmentDefinition]

    private let context: ValidationContext

    init(context: ValidationContext) {
        self.context = context
    }

    // Reported on leaving the operation, so errors come out in the order
    // graphql-js reports them among the other rules' errors.
    func leave(_ node: OperationDefinition) {
        let defined = VariableNameSet(node.variableDefinitions.lazy.map(\.variable.name.value))
        for usage in context.recursiveVariableUsages(of: node) {
            let name = usage.node.name.value
            guard !defined.contains(name) else { continue }
            let message =
                node.name.map { "Variable \"$\(name)\" is not defined by operation \"\($0.value)\"." }
                ?? "Variable \"$\(name)\" is not defined."
            context.report(message, at: [usage.node.loc, node.loc])
        }
    }

    func enter(_ node: FragmentDefinition) -> VisitAction { .skip }
}
