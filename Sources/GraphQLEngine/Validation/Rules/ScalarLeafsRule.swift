/// A field of a scalar or enum type has no selection set, and a field of an
/// object, interface or union type must have one.
/// https://spec.graphql.org/October2021/#sec-Leaf-Field-Selections
final class ScalarLeafsRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.field]

    private let context: ValidationContext

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: Field) -> VisitAction {
        guard let type = context.type, let named = context.namedType else { return .continue }
        let name = node.name.value
        if named.isLeafType {
            if let selectionSet = node.selectionSet {
                context.report(
                    "Field \"\(name)\" must not have a selection since type \"\(type)\" has no subfields.",
                    at: [selectionSet.loc])
            }
        } else if node.selectionSet == nil {
            let hint = context.suggestionsEnabled ? " Did you mean \"\(name) { ... }\"?" : ""
            context.report(
                "Field \"\(name)\" of type \"\(type)\" must have a selection of subfields." + hint, at: [node.loc])
        }
        return .continue
    }
}
