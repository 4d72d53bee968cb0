/// An operation without a name must be the document's only operation, since
/// a client could not pick it out otherwise.
/// https://spec.graphql.org/October2021/#sec-Lone-Anonymous-Operation
final class LoneAnonymousOperationRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.document, .operationDefinition, .fragmentDefinition]

    private let context: ValidationContext
    private var operationCount = 0

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: Document) -> VisitAction {
        operationCount = node.definitions.reduce(0) { count, definition in
            if case .operation = definition { return count + 1 }
            return count
        }
        return .continue
    }

    func enter(_ node: OperationDefinition) -> VisitAction {
        if node.name == nil && operationCount > 1 {
            context.report("This anonymous operation must be the only defined operation.", at: [node.loc])
        }
        return .skip
    }

    func enter(_ node: FragmentDefinition) -> VisitAction { .skip }
}
