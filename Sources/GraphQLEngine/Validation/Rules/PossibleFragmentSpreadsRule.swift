/// A fragment may only be spread where its type could apply: its type
/// condition and the enclosing type must share at least one possible object
/// type (https://spec.graphql.org/October2021/#sec-Fragment-spread-is-possible).
final class PossibleFragmentSpreadsRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.inlineFragment, .fragmentSpread]

    private let context: ValidationContext

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: InlineFragment) -> VisitAction {
        // Entering the fragment, `type` is its condition (or the enclosing type).
        guard let fragmentRef = context.type, case .named(let name) = fragmentRef,
            let fragmentType = context.schema.type(named: name), fragmentType.isCompositeType,
            let parentType = context.parentType
        else { return .continue }
        if !context.schema.doTypesOverlap(fragmentType, parentType) {
            context.report(
                "Fragment cannot be spread here as objects of type \"\(parentType.name)\" can never be of type \"\(fragmentType.name)\".",
                at: [node.loc])
        }
        return .continue
    }

    func enter(_ node: FragmentSpread) -> VisitAction {
        let name = node.name.value
        guard let fragment = context.fragment(named: name),
            let fragmentType = context.schema.type(named: fragment.typeCondition.name.value),
            fragmentType.isCompositeType, let parentType = context.parentType
        else { return .continue }
        if !context.schema.doTypesOverlap(fragmentType, parentType) {
            context.report(
                "Fragment \"\(name)\" cannot be spread here as objects of type \"\(parentType.name)\" can never be of type \"\(fragmentType.name)\".",
                at: [node.loc])
        }
        return .continue
    }
}
