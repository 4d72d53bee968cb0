import GraphQLEngine

/// Whether an operation asks for nothing but the schema: every root field,
/// through fragments too, is an introspection meta-field
/// (https://spec.graphql.org/October2021/#sec-Schema-Introspection). Below
/// `__schema` and `__type` only introspection types can be reached, so such
/// an operation runs no resolver of the gateway's and reads no data.
enum IntrospectionOnly {
    static let metaFields: Set<String> = ["__schema", "__type", "__typename"]

    static func selects(_ operation: OperationDefinition, in document: Document) -> Bool {
        var visited = Set<String>()
        return selects(operation.selectionSet, in: document, visited: &visited)
    }

    private static func selects(_ set: SelectionSet, in document: Document, visited: inout Set<String>) -> Bool {
        for selection in set.selections {
            switch selection {
            case .field(let field):
                guard metaFields.contains(field.name.value) else { return false }
            case .inlineFragment(let fragment):
                guard selects(fragment.selectionSet, in: document, visited: &visited) else { return false }
            case .fragmentSpread(let spread):
                guard visited.insert(spread.name.value).inserted else { continue }
                guard let fragment = document.fragments.first(where: { $0.name.value == spread.name.value }),
                    selects(fragment.selectionSet, in: document, visited: &visited)
                else { return false }
            }
        }
        return true
    }
}
