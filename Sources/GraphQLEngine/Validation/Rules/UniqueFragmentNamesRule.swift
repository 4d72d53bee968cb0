/// No two fragments of a document share a name; each repeat is reported with
/// the first.
/// https://spec.graphql.org/October2021/#sec-Fragment-Name-Uniqueness
final class UniqueFragmentNamesRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.operationDefinition, .fragmentDefinition]

    private let context: ValidationContext
    private var firstByName: [String: Name] = [:]

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: OperationDefinition) -> VisitAction { .skip }

    func enter(_ node: FragmentDefinition) -> VisitAction {
        let name = node.name
        if let first = firstByName[name.value] {
            context.report("There can be only one fragment named \"\(name.value)\".", at: [first.loc, name.loc])
        } else {
            firstByName[name.value] = name
        }
        return .skip
    }
}
