/// Fragments (named or inline) may only have an object, interface or union
/// type as their type condition; unknown types are left to
/// `KnownTypeNamesRule`.
/// https://spec.graphql.org/October2021/#sec-Fragments-On-Composite-Types
final class FragmentsOnCompositeTypesRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.inlineFragment, .fragmentDefinition]

    private let context: ValidationContext

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: InlineFragment) -> VisitAction {
        if let condition = node.typeCondition, isNonCompositeType(condition) {
            context.report(
                "Fragment cannot condition on non composite type \"\(condition.name.value)\".", at: [condition.loc])
        }
        return .continue
    }

    func enter(_ node: FragmentDefinition) -> VisitAction {
        let condition = node.typeCondition
        if isNonCompositeType(condition) {
            context.report(
                "Fragment \"\(node.name.value)\" cannot condition on non composite type \"\(condition.name.value)\".",
                at: [condition.loc])
        }
        return .continue
    }

    private func isNonCompositeType(_ condition: NamedType) -> Bool {
        guard let type = context.schema.type(named: condition.name.value) else { return false }
        return !type.isCompositeType
    }
}
