/// Finds fields that share a response name but cannot be merged: the spec's
/// FieldsInSetCanMerge, with graphql-js 16's reasons and ordering.
/// https://spec.graphql.org/October2021/#sec-Field-Selection-Merging
///
/// Each selection set is compared "within" itself once (when the walk reaches
/// it); fragments it spreads and the sub-selections of overlapping fields are
/// compared "between" sets. Fields are grouped by response name first, so only
/// fields that share one are ever compared. Within a group, fields of the same
/// shape (`FieldShapes`) share their verdicts: a pair of shapes is compared
/// once and only pairs of fields known to conflict (or, through fragments,
/// that may) are compared one by one, so repeating a field many times costs
/// time linear in the repetitions. Fragment pairs already compared are
/// remembered, mutual exclusivity included, as graphql-js does.
final class FieldConflictFinder {
    let schema: GraphQLSchema
    private let fragment: (String) -> FragmentDefinition?

    private var fieldMaps: [Int: FieldMap] = [:]
    private var comparedFragmentPairs = FragmentPairSet()
    private let shapes = FieldShapes()
    /// A collected field of each shared shape, to compare shapes with.
    private var representatives: [Int: CollectedField] = [:]
    private var verdicts: [VerdictKey: Bool] = [:]
    /// Interned field-map shapes, and whether two pure maps have any conflict.
    private var mapShapeIDs: [[FieldShapes.Entry]: Int] = [:]
    private var mapVerdicts: [VerdictKey: Bool] = [:]

    private struct VerdictKey: Hashable {
        var shape1: Int
        var shape2: Int
        var mutuallyExclusive: Bool
    }

    /// The most sub-field conflicts listed for one pair of fields (graphql-js
    /// lists them all): enough for any real document, and a bound on the
    /// work a hostile one can cause.
    static let maxSubfieldConflicts = 100

    /// How deep comparisons of sub-selections may nest, and how deep they are.
    private let maxComparisonDepth: Int
    private var comparisonDepth = 0

    /// - Parameters:
    ///   - fragment: the fragment definition of a name, if the document has one.
    ///   - maxComparisonDepth: how deeply the sub-selections of two fields
    ///     are compared in one another: the document's nesting through
    ///     fragments (`FragmentNesting.deepest(in:)`), which comparisons of a
    ///     document without fragment cycles never reach, and which ends those
    ///     that would otherwise loop through a cycle (such a document is
    ///     refused by NoFragmentCyclesRule anyway). The comparisons recurse,
    ///     so this is also what bounds their stack.
    init(
        schema: GraphQLSchema, maxComparisonDepth: Int = .max, fragment: @escaping (String) -> FragmentDefinition?
    ) {
        self.schema = schema
        self.maxComparisonDepth = maxComparisonDepth
        self.fragment = fragment
    }

    /// Reports every conflict within `selectionSet` (its own fields, inline
    /// fragments and spread fragments), in graphql-js's order, to `report`,
    /// which returns false to stop the search (an error cap was reached).
    func reportConflicts(
        within selectionSet: SelectionSet, parentType: GraphQLNamedType?, report: @escaping (FieldConflict) -> Bool
    ) {
        // The common case: no fragment spread and no response name twice
        // (inline fragments included) leaves nothing to compare, so nothing
        // is collected. Collected maps are only a cache: a later comparison
        // of this set, as the sub-selection of a field, collects it then.
        if Self.hasNoSpreadAndUniqueNames(selectionSet) { return }
        var sink = ConflictSink(report: report, limit: nil, nestedLimit: Self.maxSubfieldConflicts)
        let fieldMap = fieldsAndFragmentNames(of: selectionSet, parentType: parentType)
        collectConflictsWithin(fieldMap, into: &sink)
        let names = fieldMap.fragmentNames
        for (index, name) in names.enumerated() {
            if sink.isStopped { return }
            collectConflictsBetween(
                fieldMap, andFragment: name, mutuallyExclusive: false, into: &sink)
            for other in names[(index + 1)...] {
                if sink.isStopped { return }
                collectConflictsBetweenFragments(name, other, mutuallyExclusive: false, into: &sink)
            }
        }
    }

    /// Whether a selection set (with its inline fragments, not its fields'
    /// sub-selections) spreads no fragment and uses each response name once.
    static func hasNoSpreadAndUniqueNames(_ selectionSet: SelectionSet) -> Bool {
        var names: [String] = []
        names.reserveCapacity(min(selectionSet.selections.count, 16))
        var seen = Set<String>()
        func visit(_ set: SelectionSet) -> Bool {
            for selection in set.selections {
                switch selection {
                case .fragmentSpread:
                    return false
                case .inlineFragment(let inline):
                    if !visit(inline.selectionSet) { return false }
                case .field(let field):
                    let name = field.responseKey
                    if !seen.isEmpty {
                        if !seen.insert(name).inserted { return false }
                    } else if names.contains(name) {
                        return false
                    } else if names.count < 16 {
                        names.append(name)
                    } else {
                        // Past a few names a set beats scanning the list.
                        seen = Set(names)
                        seen.insert(name)
                    }
                }
            }
            return true
        }
        return visit(selectionSet)
    }

    // MARK: - Collecting fields

    private func fieldsAndFragmentNames(of selectionSet: SelectionSet, parentType: GraphQLNamedType?) -> FieldMap {
        if let cached = fieldMaps[selectionSet.loc.start] { return cached }
        let map = FieldMap()
        collect(selectionSet, parentType: parentType, into: map)
        fieldMaps[selectionSet.loc.start] = map
        return map
    }

    private func referencedFieldsAndFragmentNames(of fragment: FragmentDefinition) -> FieldMap {
        if let cached = fieldMaps[fragment.selectionSet.loc.start] { return cached }
        return fieldsAndFragmentNames(
            of: fragment.selectionSet, parentType: schema.type(named: fragment.typeCondition.name.value))
    }

    private func collect(_ selectionSet: SelectionSet, parentType: GraphQLNamedType?, into map: FieldMap) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let node):
                let shape = shapes.shape(of: node, on: parentType, schema: schema)
                let field = CollectedField(
                    parentType: parentType, node: node, definition: parentType?.field(named: node.name.value),
                    argumentsKey: shapes.argumentsKey(of: node), shape: shape)
                if representatives[shape] == nil { representatives[shape] = field }
                map.append(field)
                map.noteShape(of: field, pure: shapes.isPure(shape))
            case .fragmentSpread(let spread):
                map.appendFragmentName(spread.name.value)
            case .inlineFragment(let inline):
                let type = inline.typeCondition.map { schema.type(named: $0.name.value) } ?? parentType
                collect(inline.selectionSet, parentType: type, into: map)
            }
        }
    }

    // MARK: - Comparing sets of fields

    /// (A) Every pair of fields within one map that share a response name.
    private func collectConflictsWithin(_ map: FieldMap, into sink: inout ConflictSink) {
        for group in map.groups where group.fields.count > 1 {
            var candidatesByShape: [Int: [Int]] = [:]
            for (position, field) in group.fields.enumerated() {
                let candidates: [Int]
                if let known = candidatesByShape[field.shape] {
                    candidates = known
                } else {
                    candidates = shapesToCompare(field, with: group, mutuallyExclusive: false)
                    candidatesByShape[field.shape] = candidates
                }
                var others: [Int] = []
                for shape in candidates { others += group.positions(of: shape, after: position) }
                if candidates.count > 1 { others.sort() }
                for other in others {
                    if let conflict = findConflict(
                        group.responseName, field, group.fields[other], parentsMutuallyExclusive: false,
                        limit: sink.nestedLimit)
                    {
                        sink.add(conflict)
                        if sink.isStopped { return }
                    }
                }
            }
        }
    }

    /// (D, F, H) Every field of `map1` with every field of `map2` that shares its
    /// response name; each map has been compared within itself already.
    ///
    /// Maps of pure fields compare alike whenever their shapes are alike, so
    /// whether two such maps conflict at all is decided once (this keeps many
    /// small fragments spread together cheap to compare pair by pair).
    private func collectConflictsBetween(
        _ map1: FieldMap, _ map2: FieldMap, mutuallyExclusive: Bool, into sink: inout ConflictSink
    ) {
        if map1.hasOnlyPureFields && map2.hasOnlyPureFields {
            let key = VerdictKey(
                shape1: mapShapeID(of: map1), shape2: mapShapeID(of: map2), mutuallyExclusive: mutuallyExclusive)
            let conflicts: Bool
            if let known = mapVerdicts[key] {
                conflicts = known
            } else {
                var trial = ConflictSink(report: nil, limit: 1, nestedLimit: 1)
                collectConflictsBetweenFields(map1, map2, mutuallyExclusive: mutuallyExclusive, into: &trial)
                conflicts = !trial.conflicts.isEmpty
                mapVerdicts[key] = conflicts
            }
            if !conflicts { return }
        }
        collectConflictsBetweenFields(map1, map2, mutuallyExclusive: mutuallyExclusive, into: &sink)
    }

    private func mapShapeID(of map: FieldMap) -> Int {
        if let known = map.shapeID { return known }
        let id: Int
        if let interned = mapShapeIDs[map.shapeEntries] {
            id = interned
        } else {
            id = mapShapeIDs.count
            mapShapeIDs[map.shapeEntries] = id
        }
        map.shapeID = id
        return id
    }

    private func collectConflictsBetweenFields(
        _ map1: FieldMap, _ map2: FieldMap, mutuallyExclusive: Bool, into sink: inout ConflictSink
    ) {
        for group1 in map1.groups {
            guard let group2 = map2.group(named: group1.responseName) else { continue }
            var candidatesByShape: [Int: [Int]] = [:]
            for field in group1.fields {
                let candidates: [Int]
                if let known = candidatesByShape[field.shape] {
                    candidates = known
                } else {
                    candidates = shapesToCompare(field, with: group2, mutuallyExclusive: mutuallyExclusive)
                    candidatesByShape[field.shape] = candidates
                }
                var others: [Int] = []
                for shape in candidates { others += group2.positions(of: shape, after: -1) }
                if candidates.count > 1 { others.sort() }
                for other in others {
                    if let conflict = findConflict(
                        group1.responseName, field, group2.fields[other], parentsMutuallyExclusive: mutuallyExclusive,
                        limit: sink.nestedLimit)
                    {
                        sink.add(conflict)
                        if sink.isStopped { return }
                    }
                }
            }
        }
    }

    /// The shapes of `group` whose fields must be compared with `field` one
    /// by one: those that conflict with its shape or whose comparison with it
    /// goes through remembered fragment pairs (found through a
    /// `ShapeSetIndex`, without comparing every shape).
    private func shapesToCompare(_ field: CollectedField, with group: FieldGroup, mutuallyExclusive: Bool) -> [Int] {
        let index: ShapeSetIndex
        if let built = group.index {
            index = built
        } else {
            index = ShapeSetIndex(group.shapes, shapes: shapes)
            group.index = index
        }
        return index.members(conflictingWith: field.shape, mutuallyExclusive: mutuallyExclusive, shapes: shapes) {
            shape1, shape2 in
            self.shapesConflict(shape1, shape2, mutuallyExclusive: mutuallyExclusive)
        }
    }

    /// Whether fields of these two shapes must be compared one by one: they
    /// conflict, or their comparison goes through the memory of compared
    /// fragment pairs (whose outcome, and whose effect on later comparisons,
    /// depends on what was compared before). Decided once per pair of shapes.
    ///
    /// For shapes that spread fragments the trial comparison starts with no
    /// fragment pair remembered: if it finds no conflict and remembers no
    /// pair, it never consulted that memory, so every comparison of such
    /// fields finds nothing and changes nothing, and may be skipped.
    private func shapesConflict(_ shape1: Int, _ shape2: Int, mutuallyExclusive: Bool) -> Bool {
        let key = VerdictKey(shape1: shape1, shape2: shape2, mutuallyExclusive: mutuallyExclusive)
        if let known = verdicts[key] { return known }
        let field1 = representative(of: shape1)
        let field2 = representative(of: shape2)
        let throughFragments = !shapes.isPure(shape1) || !shapes.isPure(shape2)
        let remembered = comparedFragmentPairs
        if throughFragments { comparedFragmentPairs = FragmentPairSet() }
        // Only whether they conflict matters here: stop at the first sub-field conflict.
        let conflicts =
            findConflict(
                field1.node.responseKey, field1, field2, parentsMutuallyExclusive: mutuallyExclusive, limit: 1) != nil
        let usedMemory = throughFragments && !comparedFragmentPairs.isEmpty
        comparedFragmentPairs = remembered
        verdicts[key] = conflicts || usedMemory
        return conflicts || usedMemory
    }

    /// A field of a shape, as collected.
    private func representative(of shape: Int) -> CollectedField {
        if let known = representatives[shape] { return known }
        let info = shapes.infos[shape]
        let field = CollectedField(
            parentType: info.parentType, node: info.node,
            definition: info.parentType?.field(named: info.node.name.value),
            argumentsKey: shapes.argumentsKey(of: info.node), shape: shape)
        representatives[shape] = field
        return field
    }

    // MARK: - Fragments

    /// (B, D, E) The fields of a map against a spread fragment and, through
    /// it, the fragments it spreads. Depth first over the fragments, in the
    /// order of graphql-js's recursion, with an explicit stack: a chain of
    /// spreads costs no stack, whatever its length.
    private func collectConflictsBetween(
        _ map: FieldMap, andFragment name: String, mutuallyExclusive: Bool, into sink: inout ConflictSink
    ) {
        struct Frame {
            let name: String
            let spreads: [String]
            var next = 0
        }
        /// Compares the map with one fragment; the frame that goes on to the fragments it spreads.
        func enter(_ name: String, _ sink: inout ConflictSink) -> Frame? {
            guard let definition = fragment(name) else { return nil }
            let fragmentMap = referencedFieldsAndFragmentNames(of: definition)
            if map === fragmentMap { return nil }
            collectConflictsBetween(map, fragmentMap, mutuallyExclusive: mutuallyExclusive, into: &sink)
            return Frame(name: name, spreads: fragmentMap.fragmentNames)
        }
        var stack: [Frame] = []
        if let first = enter(name, &sink) { stack.append(first) }
        while let top = stack.last {
            if sink.isStopped { return }
            guard top.next < top.spreads.count else {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            let referenced = top.spreads[top.next]
            if comparedFragmentPairs.contains(referenced, top.name, mutuallyExclusive: mutuallyExclusive) { continue }
            comparedFragmentPairs.insert(referenced, top.name, mutuallyExclusive: mutuallyExclusive)
            if let next = enter(referenced, &sink) { stack.append(next) }
        }
    }

    /// (C, F, G) Two spread fragments against each other and, through them,
    /// the fragments they spread: first the second one's spreads against the
    /// first fragment, then the first one's against the second. Depth first
    /// with an explicit stack, as above.
    private func collectConflictsBetweenFragments(
        _ name1: String, _ name2: String, mutuallyExclusive: Bool, into sink: inout ConflictSink
    ) {
        struct Frame {
            let name1: String
            let name2: String
            let spreads1: [String]
            let spreads2: [String]
            var next = 0

            /// The pair to compare next: each of `spreads2` with `name1`, then each of `spreads1` with `name2`.
            func pair(_ index: Int) -> (String, String)? {
                if index < spreads2.count { return (name1, spreads2[index]) }
                let second = index - spreads2.count
                return second < spreads1.count ? (spreads1[second], name2) : nil
            }
        }
        /// Compares two fragments; the frame that goes on to the fragments they spread.
        func enter(_ name1: String, _ name2: String, _ sink: inout ConflictSink) -> Frame? {
            if name1 == name2 { return nil }
            if comparedFragmentPairs.contains(name1, name2, mutuallyExclusive: mutuallyExclusive) { return nil }
            comparedFragmentPairs.insert(name1, name2, mutuallyExclusive: mutuallyExclusive)
            guard let fragment1 = fragment(name1), let fragment2 = fragment(name2) else { return nil }
            let map1 = referencedFieldsAndFragmentNames(of: fragment1)
            let map2 = referencedFieldsAndFragmentNames(of: fragment2)
            collectConflictsBetween(map1, map2, mutuallyExclusive: mutuallyExclusive, into: &sink)
            return Frame(name1: name1, name2: name2, spreads1: map1.fragmentNames, spreads2: map2.fragmentNames)
        }
        var stack: [Frame] = []
        if let first = enter(name1, name2, &sink) { stack.append(first) }
        while let top = stack.last {
            if sink.isStopped { return }
            guard let (next1, next2) = top.pair(top.next) else {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            if let next = enter(next1, next2, &sink) { stack.append(next) }
        }
    }

    // MARK: - Comparing two fields

    /// The conflict between two fields of one response name, if any,
    /// sub-selections included.
    private func findConflict(
        _ responseName: String, _ field1: CollectedField, _ field2: CollectedField, parentsMutuallyExclusive: Bool,
        limit: Int
    ) -> FieldConflict? {
        // Fields on two different object types can never both apply, so they
        // may differ in name and arguments; abstract types might overlap.
        var mutuallyExclusive = parentsMutuallyExclusive
        if !mutuallyExclusive, let parent1 = field1.parentType, let parent2 = field2.parentType,
            parent1 != parent2, case .object = parent1, case .object = parent2
        {
            mutuallyExclusive = true
        }
        let node1 = field1.node
        let node2 = field2.node
        if !mutuallyExclusive {
            if node1.name.value != node2.name.value {
                return FieldConflict(
                    responseName: responseName,
                    reason: .message("\"\(node1.name.value)\" and \"\(node2.name.value)\" are different fields"),
                    fields1: [node1.loc], fields2: [node2.loc])
            }
            if field1.argumentsKey != field2.argumentsKey {
                return FieldConflict(
                    responseName: responseName, reason: .message("they have differing arguments"),
                    fields1: [node1.loc], fields2: [node2.loc])
            }
        }
        let type1 = field1.definition?.type
        let type2 = field2.definition?.type
        if let type1, let type2, typesConflict(type1, type2) {
            return FieldConflict(
                responseName: responseName,
                reason: .message("they return conflicting types \"\(type1)\" and \"\(type2)\""),
                fields1: [node1.loc], fields2: [node2.loc])
        }
        guard let selectionSet1 = node1.selectionSet, let selectionSet2 = node2.selectionSet else { return nil }
        let conflicts = findConflictsBetweenSubSelectionSets(
            selectionSet1, parentType: type1.flatMap(schema.namedType(of:)),
            selectionSet2, parentType: type2.flatMap(schema.namedType(of:)),
            mutuallyExclusive: mutuallyExclusive, limit: limit)
        if conflicts.isEmpty { return nil }
        return FieldConflict(
            responseName: responseName,
            reason: .subfields(conflicts.map { ($0.responseName, $0.reason) }),
            fields1: [node1.loc] + conflicts.flatMap(\.fields1),
            fields2: [node2.loc] + conflicts.flatMap(\.fields2))
    }

    /// (H, I, J) The sub-selections of two overlapping fields, fragments included.
    private func findConflictsBetweenSubSelectionSets(
        _ selectionSet1: SelectionSet, parentType parentType1: GraphQLNamedType?,
        _ selectionSet2: SelectionSet, parentType parentType2: GraphQLNamedType?,
        mutuallyExclusive: Bool, limit: Int
    ) -> [FieldConflict] {
        guard comparisonDepth < maxComparisonDepth else { return [] }
        comparisonDepth += 1
        defer { comparisonDepth -= 1 }
        var sink = ConflictSink(report: nil, limit: limit, nestedLimit: limit)
        let map1 = fieldsAndFragmentNames(of: selectionSet1, parentType: parentType1)
        let map2 = fieldsAndFragmentNames(of: selectionSet2, parentType: parentType2)
        collectConflictsBetween(map1, map2, mutuallyExclusive: mutuallyExclusive, into: &sink)
        for name in map2.fragmentNames where !sink.isStopped {
            collectConflictsBetween(map1, andFragment: name, mutuallyExclusive: mutuallyExclusive, into: &sink)
        }
        for name in map1.fragmentNames where !sink.isStopped {
            collectConflictsBetween(map2, andFragment: name, mutuallyExclusive: mutuallyExclusive, into: &sink)
        }
        for name1 in map1.fragmentNames {
            for name2 in map2.fragmentNames where !sink.isStopped {
                collectConflictsBetweenFragments(name1, name2, mutuallyExclusive: mutuallyExclusive, into: &sink)
            }
        }
        return sink.conflicts
    }

    /// Whether two field types could not describe one value: lists and
    /// non-null wrappers must match, and leaf types must be equal. Composite
    /// types are left to the comparison of their sub-fields.
    private func typesConflict(_ type1: TypeRef, _ type2: TypeRef) -> Bool {
        switch (type1, type2) {
        case (.list(let item1), .list(let item2)): return typesConflict(item1, item2)
        case (.list, _), (_, .list): return true
        case (.nonNull(let inner1), .nonNull(let inner2)): return typesConflict(inner1, inner2)
        case (.nonNull, _), (_, .nonNull): return true
        case (.named(let name1), .named(let name2)):
            let leaf1 = schema.type(named: name1)?.isLeafType ?? false
            let leaf2 = schema.type(named: name2)?.isLeafType ?? false
            return (leaf1 || leaf2) && name1 != name2
        }
    }
}

/// Where found conflicts go: straight to the reporter for the selection set
/// being validated (which may ask to stop), or into a list when they are the
/// sub-field conflicts of two fields (which stops at `limit` entries).
private struct ConflictSink {
    let report: ((FieldConflict) -> Bool)?
    let limit: Int?
    /// The limit for the sub-field conflicts of the conflicts found here.
    let nestedLimit: Int
    private(set) var conflicts: [FieldConflict] = []
    private(set) var isStopped = false

    init(report: ((FieldConflict) -> Bool)?, limit: Int?, nestedLimit: Int) {
        self.report = report
        self.limit = limit
        self.nestedLimit = nestedLimit
    }

    mutating func add(_ conflict: FieldConflict) {
        if let report {
            if !report(conflict) { isStopped = true }
        } else {
            conflicts.append(conflict)
            if let limit, conflicts.count >= limit { isStopped = true }
        }
    }
}
