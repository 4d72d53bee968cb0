/// Sorts fields into shape classes so that the field-merging check compares
/// classes instead of every pair of fields.
///
/// Two fields get the same shape when they are selected on the same type,
/// with the same name and arguments, and their sub-selections (inline
/// fragments flattened) are the same list of response names with fields of
/// the same shapes and the same fragment spreads. Directives and locations
/// play no part in the comparison, so:
/// - for a *pure* shape (no fragment spread anywhere inside) comparing a field
///   of it with any other field gives the same verdict;
/// - for other shapes the verdict may also depend on which fragment pairs
///   were compared before (graphql-js remembers them and does not compare
///   them again); it is shared only when the comparison never consults that
///   memory (see `FieldConflictFinder.shapesConflict`).
///
/// 2,000 repeated `a` fields are then one class, compared once.
final class FieldShapes {
    private enum Key: Hashable {
        case field(head: Int, selection: [Entry]?)
    }

    /// What a field is before its sub-selection: where, which, with what arguments.
    private struct Head: Hashable {
        var parent: String?
        var name: String
        var arguments: String
    }

    /// One field of a flattened sub-selection: its response name and shape.
    struct Entry: Hashable {
        var responseName: String
        var shape: Int
    }

    /// What is known of one shape.
    struct Info {
        /// Whether no fragment is spread anywhere inside (verdicts are exact).
        var isPure: Bool
        /// Equal for shapes with the same parent type, field name and
        /// arguments (so fields of the same head differ only in their sub-selections).
        var head: Int
        /// The flattened sub-selection, nil for a field without one. A
        /// fragment spread is an entry named `...Name` with shape -1.
        var entries: [Entry]?
        /// A field of this shape and the type it was selected on, to compare the shape with.
        var node: Field
        var parentType: GraphQLNamedType?
    }

    private struct Memo: Hashable {
        var fieldStart: Int
        var parent: String?
    }

    private var ids: [Key: Int] = [:]
    private var heads: [Head: Int] = [:]
    private var memo: [Memo: Int] = [:]
    private var argumentKeys: [Int: String] = [:]
    /// Indexed by shape id.
    private(set) var infos: [Info] = []

    func isPure(_ shape: Int) -> Bool { infos[shape].isPure }

    /// The shape of `field` selected on `parentType`.
    func shape(of field: Field, on parentType: GraphQLNamedType?, schema: GraphQLSchema) -> Int {
        let memoKey = Memo(fieldStart: field.loc.start, parent: parentType?.name)
        if let known = memo[memoKey] { return known }
        let id: Int
        let head = internHead(
            Head(parent: parentType?.name, name: field.name.value, arguments: argumentsKey(of: field)))
        if let selectionSet = field.selectionSet {
            let fieldType = parentType?.field(named: field.name.value).flatMap { schema.namedType(of: $0.type) }
            var entries: [Entry] = []
            let pure = flatten(selectionSet, on: fieldType, schema: schema, into: &entries)
            id = intern(head: head, entries: entries, pure: pure, field, parentType)
        } else {
            id = intern(head: head, entries: nil, pure: true, field, parentType)
        }
        memo[memoKey] = id
        return id
    }

    /// The arguments of `field` printed in name order (a field's arguments as
    /// one object value, sorted as graphql-js's `sortValueNode` sorts).
    func argumentsKey(of field: Field) -> String {
        if field.arguments.isEmpty { return "" }
        if let known = argumentKeys[field.loc.start] { return known }
        let object = ObjectValue(
            fields: field.arguments.map { ObjectField(name: $0.name, value: $0.value, loc: $0.loc) }, loc: field.loc)
        let key = Printer.print(sortedValue(.object(object)))
        argumentKeys[field.loc.start] = key
        return key
    }

    /// Appends the flattened fields and spreads of a selection set; false
    /// when it spreads a named fragment somewhere.
    private func flatten(
        _ selectionSet: SelectionSet, on parentType: GraphQLNamedType?, schema: GraphQLSchema,
        into entries: inout [Entry]
    ) -> Bool {
        var pure = true
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let shape = shape(of: field, on: parentType, schema: schema)
                if !infos[shape].isPure { pure = false }
                entries.append(Entry(responseName: field.responseKey, shape: shape))
            case .fragmentSpread(let spread):
                pure = false
                entries.append(Entry(responseName: "..." + spread.name.value, shape: -1))
            case .inlineFragment(let fragment):
                let type = fragment.typeCondition.map { schema.type(named: $0.name.value) } ?? parentType
                if !flatten(fragment.selectionSet, on: type, schema: schema, into: &entries) { pure = false }
            }
        }
        return pure
    }

    private func internHead(_ head: Head) -> Int {
        if let id = heads[head] { return id }
        let id = heads.count
        heads[head] = id
        return id
    }

    private func intern(
        head: Int, entries: [Entry]?, pure: Bool, _ field: Field, _ parentType: GraphQLNamedType?
    ) -> Int {
        let key = Key.field(head: head, selection: entries)
        if let id = ids[key] { return id }
        let id = infos.count
        infos.append(Info(isPure: pure, head: head, entries: entries, node: field, parentType: parentType))
        ids[key] = id
        return id
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
