/// No two operations of a document share a name; the second and later ones
/// are reported with the first.
/// https://spec.graphql.org/October2021/#sec-Operation-Name-Uniqueness
final class UniqueOperationNamesRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.operationDefinition, .fragmentDefinition]

    private let context: ValidationContext
    private var firstByName: [String: Name] = [:]

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: OperationDefinition) -> VisitAction {
        // A document of one definition cannot repeat a name (the common case).
        if context.document.definitions.count == 1 { return .skip }
        if let name = node.name {
            if let first = firstByName[name.value] {
                context.report("There can be only one operation named \"\(name.value)\".", at: [first.loc, name.loc])
            } else {
                firstByName[name.value] = name
            }
        }
        return .skip
    }

    func enter(_ node: FragmentDefinition) -> VisitAction { .skip }
}
