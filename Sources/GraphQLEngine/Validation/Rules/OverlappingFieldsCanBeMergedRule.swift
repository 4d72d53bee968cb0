/// Fields that share a response name can be merged: they select the same
/// field with the same arguments (unless their parents are distinct object
/// types), have compatible types, and their sub-selections can be merged too.
/// https://spec.graphql.org/October2021/#sec-Field-Selection-Merging
///
/// Every selection set is checked once, with the fragments it spreads; the
/// work is in `FieldConflictFinder`, which keeps repeated fields linear. Each
/// conflict is reported at the two fields, followed by the sub-fields that
/// make them conflict, in graphql-js 16's words and order. The search stops
/// as soon as the error cap is reached.
public final class OverlappingFieldsCanBeMergedRule: ValidationRule {
    public static let visitedKinds: ASTNodeKinds = [.selectionSet]

    let context: ValidationContext
    private let finder: FieldConflictFinder

    public init(context: ValidationContext) {
        self.context = context
        // Without fragments comparisons cannot loop, and the text bounds them.
        let document = context.document
        let bound = document.fragments.isEmpty ? Int.max : FragmentNesting.deepest(in: document)
        self.finder = FieldConflictFinder(schema: context.schema, maxComparisonDepth: bound) { name in
            context.fragment(named: name)
        }
    }

    public func enter(_ node: SelectionSet) -> VisitAction {
        let context = self.context
        finder.reportConflicts(within: node, parentType: context.parentType) { conflict in
            context.report(conflict.message, at: conflict.fields1 + conflict.fields2)
            return !context.isAborted
        }
        return .continue
    }
}
