/// Every fragment spread names a fragment defined in the document.
/// https://spec.graphql.org/October2021/#sec-Fragment-spread-target-defined
final class KnownFragmentNamesRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.fragmentSpread]

    private let context: ValidationContext

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: FragmentSpread) -> VisitAction {
        if context.fragment(named: node.name.value) == nil {
            context.report("Unknown fragment \"\(node.name.value)\".", at: [node.name.loc])
        }
        return .continue
    }
}
