/// Every fragment defined is reached from some operation, directly or through
/// other fragments; the others are reported once the whole document is seen.
/// https://spec.graphql.org/October2021/#sec-Fragments-Must-Be-Used
final class NoUnusedFragmentsRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.operationDefinition, .fragmentDefinition, .document]

    private let context: ValidationContext
    private var operations: [OperationDefinition] = []
    private var fragments: [FragmentDefinition] = []

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: OperationDefinition) -> VisitAction {
        operations.append(node)
        return .skip
    }

    func enter(_ node: FragmentDefinition) -> VisitAction {
        fragments.append(node)
        return .skip
    }

    func leave(_ node: Document) {
        var used = Set<String>()
        for operation in operations {
            for fragment in context.recursivelyReferencedFragments(of: operation) {
                used.insert(fragment.name.value)
            }
        }
        for fragment in fragments where !used.contains(fragment.name.value) {
            context.report("Fragment \"\(fragment.name.value)\" is never used.", at: [fragment.loc])
        }
    }
}
