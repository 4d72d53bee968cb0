import GraphQLEngine

/// Whether an operation asks for nothing but the schema: every root field,
/// through fragments too, is an introspection meta-field
/// (https://spec.graphql.org/October2021/#sec-Schema-Introspection). Below
/// `__schema` and `__type` only introspection types can be reached, so such
/// an operation runs no resolver of the gateway's and reads no data.
enum IntrospectionOnly {
    static let metaFields: Set<String> = ["__schema", "__type", "__typename"]

    /// A loop over an explicit stack of selection sets, not a recursion: a
    /// chain of fragment spreads (which adds no nesting to the text) costs
    /// no stack, whatever its length.
    static func selects(_ operation: OperationDefinition, in document: Document) -> Bool {
        var fragments: [String: FragmentDefinition] = [:]
        for fragment in document.fragments where fragments[fragment.name.value] == nil {
            fragments[fragment.name.value] = fragment
        }
        var visited = Set<String>()
        var pending = [operation.selectionSet]
        while let set = pending.popLast() {
            for selection in set.selections {
                switch selection {
                case .field(let field):
                    guard metaFields.contains(field.name.value) else { return false }
                case .inlineFragment(let fragment):
                    pending.append(fragment.selectionSet)
                case .fragmentSpread(let spread):
                    guard visited.insert(spread.name.value).inserted else { continue }
                    guard let fragment = fragments[spread.name.value] else { return false }
                    pending.append(fragment.selectionSet)
                }
            }
        }
        return true
    }
}
