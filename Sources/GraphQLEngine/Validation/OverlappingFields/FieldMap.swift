/// A field of a selection set, as the field-merging check collects it: the
/// node, the type it was selected on, its definition (when that type has one)
/// and two keys that make comparisons cheap.
struct CollectedField {
    /// The type the field is selected on: the selection set's type, or an
    /// inline fragment's type condition. Nil when unknown.
    let parentType: GraphQLNamedType?
    let node: Field
    /// The field's definition on `parentType`, when that is an object or
    /// interface type defining it (meta-fields are not looked up, as in graphql-js).
    let definition: GraphQLField?
    /// The arguments printed in name order: two fields have "differing
    /// arguments" exactly when these differ.
    let argumentsKey: String
    /// The field's shape class (see `FieldShapes`).
    let shape: Int
}

/// All fields sharing one response name within a field map, in source order,
/// with their positions indexed by shape class.
final class FieldGroup {
    let responseName: String
    private(set) var fields: [CollectedField] = []
    /// Distinct shapes in order of first appearance.
    private(set) var shapes: [Int] = []
    /// Positions in `fields` of each shape, ascending.
    private(set) var positionsByShape: [Int: [Int]] = [:]

    /// The group's shapes indexed for comparison, built by the finder on first need.
    var index: ShapeSetIndex?

    init(responseName: String) {
        self.responseName = responseName
    }

    func append(_ field: CollectedField) {
        if positionsByShape[field.shape] == nil { shapes.append(field.shape) }
        positionsByShape[field.shape, default: []].append(fields.count)
        fields.append(field)
    }

    /// Positions of fields of `shape` that come after `position`, ascending.
    func positions(of shape: Int, after position: Int) -> ArraySlice<Int> {
        guard let positions = positionsByShape[shape] else { return [] }
        var low = 0
        var high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] <= position { low = middle + 1 } else { high = middle }
        }
        return positions[low...]
    }
}

/// The fields a selection set selects, inline fragments flattened in, grouped
/// by response name in order of first appearance, and the names of the
/// fragments it spreads (directly or through inline fragments), each once.
///
/// A class: the check compares maps by identity (a fragment's map is never
/// compared with itself) and caches one per selection set.
final class FieldMap {
    private(set) var groups: [FieldGroup] = []
    private var groupIndex: [String: Int] = [:]
    private(set) var fragmentNames: [String] = []
    private var fragmentNameSet: Set<String> = []
    /// Response names and shapes of the fields in order: equal for maps that
    /// compare alike when every field is pure.
    private(set) var shapeEntries: [FieldShapes.Entry] = []
    /// Whether every field's shape is pure (no fragment spread inside).
    private(set) var hasOnlyPureFields = true
    /// The interned `shapeEntries`, set by the finder on first need.
    var shapeID: Int?

    func noteShape(of field: CollectedField, pure: Bool) {
        shapeEntries.append(FieldShapes.Entry(responseName: field.node.responseKey, shape: field.shape))
        if !pure { hasOnlyPureFields = false }
    }

    func group(named responseName: String) -> FieldGroup? {
        groupIndex[responseName].map { groups[$0] }
    }

    func append(_ field: CollectedField) {
        let responseName = field.node.responseKey
        if let index = groupIndex[responseName] {
            groups[index].append(field)
        } else {
            let group = FieldGroup(responseName: responseName)
            group.append(field)
            groupIndex[responseName] = groups.count
            groups.append(group)
        }
    }

    func appendFragmentName(_ name: String) {
        if fragmentNameSet.insert(name).inserted { fragmentNames.append(name) }
    }
}
