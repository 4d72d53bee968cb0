/// The limits checked by looking at each selection once, as written (not
/// through fragments): aliases per document, directives per selection, and
/// introspection fields. One walk over the document's executable
/// definitions; at most one error per kind, at the first node over the limit.
struct SelectionCounts {
    let limits: QueryLimits
    let source: Source
    private var aliases = 0
    private(set) var aliasError: GraphQLError?
    private(set) var directiveError: GraphQLError?
    private(set) var introspectionError: GraphQLError?

    init(limits: QueryLimits, source: Source) {
        self.limits = limits
        self.source = source
    }

    static func check(_ document: Document, limits: QueryLimits) -> [GraphQLError] {
        var counts = SelectionCounts(limits: limits, source: document.source)
        for definition in document.definitions {
            switch definition {
            case .operation(let operation): counts.visit(operation.selectionSet)
            case .fragment(let fragment): counts.visit(fragment.selectionSet)
            default: continue
            }
        }
        return [counts.aliasError, counts.directiveError, counts.introspectionError].compactMap { $0 }
    }

    /// Recursion is bounded by the parser's nesting limit (`ParseOptions.maxDepth`).
    private mutating func visit(_ selectionSet: SelectionSet) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                count(field.directives, on: "Field \"\(field.name.value)\"", at: field.loc)
                if let alias = field.alias { countAlias(alias) }
                if !limits.allowsIntrospection, introspectionError == nil,
                    field.name.value == "__schema" || field.name.value == "__type"
                {
                    introspectionError = LimitErrors.introspection(field: field, source: source)
                }
                if let set = field.selectionSet { visit(set) }
            case .fragmentSpread(let spread):
                count(spread.directives, on: "Fragment spread \"\(spread.name.value)\"", at: spread.loc)
            case .inlineFragment(let inline):
                count(inline.directives, on: "Inline fragment", at: inline.loc)
                visit(inline.selectionSet)
            }
        }
    }

    private mutating func countAlias(_ alias: Name) {
        aliases += 1
        if let max = limits.maxAliases, aliases == max + 1 {
            aliasError = LimitErrors.aliases(at: alias, max: max, source: source)
        }
    }

    private mutating func count(_ directives: [Directive], on what: String, at location: Location) {
        guard let max = limits.maxDirectivesPerField, directives.count > max, directiveError == nil else { return }
        directiveError = LimitErrors.directives(
            on: what, count: directives.count, max: max, at: location, source: source)
    }
}
