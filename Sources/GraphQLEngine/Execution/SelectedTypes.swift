/// What an operation can select, through fragments, as a server needs to know
/// it before running the operation:
/// - `typeNames`: the named types its fields can produce (the return type of
///   every field it selects, and for an abstract one each of its possible
///   object types): which kinds of data it may reach (the gateway loads the
///   row-rule lists of only those collections);
/// - `fieldCoordinates`: the fields it selects as `Type.field` schema
///   coordinates, on object types (a field selected on an interface counts on
///   each of its possible types): which parts of a record it may show (the
///   gateway leaves a large stored field out of its reads when no selection
///   shows it).
///
/// An over-approximation: every branch counts, whatever `@skip`/`@include`
/// or a runtime type would choose. An explicit stack and each (fragment,
/// type) pair walked once, so a long chain of spreads costs no stack and a
/// fragment spread many times is walked once per type it is spread in.
struct OperationSelection: Sendable {
    var typeNames: Set<String> = []
    var fieldCoordinates: Set<String> = []
}

func selection(of operation: OperationDefinition, in document: Document, schema: GraphQLSchema) -> OperationSelection {
    guard let root = schema.rootType(for: operation.operation) else { return OperationSelection() }
    var fragments: [String: FragmentDefinition] = [:]
    for fragment in document.fragments where fragments[fragment.name.value] == nil {
        fragments[fragment.name.value] = fragment
    }
    var found = OperationSelection()
    var walked = Set<String>()  // "fragment|type"
    var pending: [(SelectionSet, GraphQLNamedType)] = [(operation.selectionSet, .object(root))]
    while let (set, parent) = pending.popLast() {
        for selection in set.selections {
            switch selection {
            case .field(let field):
                guard let definition = parent.field(named: field.name.value) else { continue }
                if parent.isAbstractType {
                    for possible in schema.possibleTypes(of: parent) {
                        found.fieldCoordinates.insert(possible.name + "." + definition.name)
                    }
                } else {
                    found.fieldCoordinates.insert(parent.name + "." + definition.name)
                }
                let name = definition.type.namedTypeName
                guard let type = schema.type(named: name) else { continue }
                found.typeNames.insert(name)
                if type.isAbstractType {
                    for possible in schema.possibleTypes(of: type) { found.typeNames.insert(possible.name) }
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
