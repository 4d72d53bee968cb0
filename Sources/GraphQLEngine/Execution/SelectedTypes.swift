/// The named types an operation's fields can produce, through fragments:
/// the return type of every field it selects, and for an abstract one each
/// of its possible object types. What a server needs to know, before running
/// the operation, about which kinds of data it may reach (the gateway loads
/// the row-rule lists of only those collections).
///
/// An over-approximation: every branch counts, whatever `@skip`/`@include`
/// or a runtime type would choose. An explicit stack and each (fragment,
/// type) pair walked once, so a long chain of spreads costs no stack and a
/// fragment spread many times is walked once per type it is spread in.
func selectedTypeNames(
    of operation: OperationDefinition, in document: Document, schema: GraphQLSchema
) -> Set<String> {
    guard let root = schema.rootType(for: operation.operation) else { return [] }
    var fragments: [String: FragmentDefinition] = [:]
    for fragment in document.fragments where fragments[fragment.name.value] == nil {
        fragments[fragment.name.value] = fragment
    }
    var found = Set<String>()
    var walked = Set<String>()  // "fragment|type"
    var pending: [(SelectionSet, GraphQLNamedType)] = [(operation.selectionSet, .object(root))]
    while let (set, parent) = pending.popLast() {
        for selection in set.selections {
            switch selection {
            case .field(let field):
                guard let definition = parent.field(named: field.name.value) else { continue }
                let name = definition.type.namedTypeName
                guard let type = schema.type(named: name) else { continue }
                found.insert(name)
                if type.isAbstractType {
                    for possible in schema.possibleTypes(of: type) { found.insert(possible.name) }
                }
                if let selections = field.selectionSet { pending.append((selections, type)) }
            case .inlineFragment(let fragment):
                let type = fragment.typeCondition.flatMap { schema.type(named: $0.name.value) } ?? parent
                pending.append((fragment.selectionSet, type))
            case .fragmentSpread(let spread):
                guard let fragment = fragments[spread.name.value],
                    let type = schema.type(named: fragment.typeCondition.name.value),
                    walked.insert(spread.name.value + "|" + type.name).inserted
                else { continue }
                pending.append((fragment.selectionSet, type))
            }
        }
    }
    return found
}
