/// Sorts fields into shape classes so that the field-merging check compares
/// classes instead of every pair of fields.
///
/// Two fields get the same shape when they are selected on the same type,
/// with the same name and arguments, and their sub-selections (inline
/// fragments flattened) are the same list of response names with fields of
/// the same shapes. Comparing such fields with any other field gives the same
/// verdict, because the comparison reads nothing else (directives and
/// locations play no part). Fields whose sub-selection spreads a named
/// fragment anywhere get a shape of their own: comparisons through fragments
/// are memoised by fragment pair, so their outcome depends on what was
/// compared before and cannot be shared.
///
/// 2,000 repeated `a` fields are then one class, compared once.
struct FieldShapes {
    private enum Key: Hashable {
        case field(parent: String?, name: String, arguments: String, selection: [Entry]?)
    }

    private struct Entry: Hashable {
        var responseName: String
        var shape: Int
    }

    private struct Memo: Hashable {
        var fieldStart: Int
        var parent: String?
    }

    private var ids: [Key: Int] = [:]
    private var memo: [Memo: Int] = [:]
    private var argumentKeys: [Int: String] = [:]
    /// For each shape id: whether fields of that shape share their verdicts.
    private(set) var isShared: [Bool] = []

    /// The shape of `field` selected on `parentType`.
    mutating func shape(of field: Field, on parentType: GraphQLNamedType?, schema: GraphQLSchema) -> Int {
        let memoKey = Memo(fieldStart: field.loc.start, parent: parentType?.name)
        if let known = memo[memoKey] { return known }
        let id: Int
        let arguments = argumentsKey(of: field)
        if let selectionSet = field.selectionSet {
            let fieldType = parentType?.field(named: field.name.value).flatMap { schema.namedType(of: $0.type) }
            var entries: [Entry] = []
            if flatten(selectionSet, on: fieldType, schema: schema, into: &entries) {
                id = intern(.field(parent: parentType?.name, name: field.name.value, arguments: arguments, selection: entries))
            } else {
                id = newUnsharedShape()
            }
        } else {
            id = intern(.field(parent: parentType?.name, name: field.name.value, arguments: arguments, selection: nil))
        }
        memo[memoKey] = id
        return id
    }

    /// The arguments of `field` printed in name order (a field's arguments as
    /// one object value, sorted as graphql-js's `sortValueNode` sorts).
    mutating func argumentsKey(of field: Field) -> String {
        if field.arguments.isEmpty { return "" }
        if let known = argumentKeys[field.loc.start] { return known }
        let object = ObjectValue(
            fields: field.arguments.map { ObjectField(name: $0.name, value: $0.value, loc: $0.loc) }, loc: field.loc)
        let key = Printer.print(sortedValue(.object(object)))
        argumentKeys[field.loc.start] = key
        return key
    }

    /// Appends the flattened fields of a selection set; false when it spreads
    /// a named fragment somewhere.
    private mutating func flatten(
        _ selectionSet: SelectionSet, on parentType: GraphQLNamedType?, schema: GraphQLSchema, into entries: inout [Entry]
    ) -> Bool {
        var shared = true
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let shape = shape(of: field, on: parentType, schema: schema)
                if !isShared[shape] { shared = false }
                entries.append(Entry(responseName: field.responseKey, shape: shape))
            case .fragmentSpread:
                shared = false
            case .inlineFragment(let fragment):
                let type = fragment.typeCondition.map { schema.type(named: $0.name.value) } ?? parentType
                if !flatten(fragment.selectionSet, on: type, schema: schema, into: &entries) { shared = false }
            }
        }
        return shared
    }

    private mutating func intern(_ key: Key) -> Int {
        if let id = ids[key] { return id }
        let id = isShared.count
        isShared.append(true)
        ids[key] = id
        return id
    }

    private mutating func newUnsharedShape() -> Int {
        isShared.append(false)
        return isShared.count - 1
    }
}

/// A copy of a value with the fields of every object value in name order
/// (natural order, ties kept in source order), so that equal values print equally.
func sortedValue(_ value: Value) -> Value {
    switch value {
    case .object(var object):
        let fields = object.fields.map { field -> ObjectField in
            var sorted = field
            sorted.value = sortedValue(field.value)
            return sorted
        }
        let order = fields.indices.sorted { lhs, rhs in
            let a = fields[lhs].name.value
            let b = fields[rhs].name.value
            if a == b { return lhs < rhs }
            if naturalOrder(a, b) { return true }
            if naturalOrder(b, a) { return false }
            return lhs < rhs
        }
        object.fields = order.map { fields[$0] }
        return .object(object)
    case .list(var list):
        list.values = list.values.map(sortedValue)
        return .list(list)
    default:
        return value
    }
}
