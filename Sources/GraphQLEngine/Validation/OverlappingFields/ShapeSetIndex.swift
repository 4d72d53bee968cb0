/// A set of field shapes indexed so that the shapes conflicting with a given
/// one can be found without comparing it with every member.
///
/// Shapes are split by head (parent type, field name, arguments). Two shapes
/// of the same head can only conflict through their sub-selections, response
/// name by response name, so for each head the index also keeps, for each
/// response name, the sub-field shapes found under it and which members hold
/// each; the sub-field shapes under one name form a smaller index of their
/// own, searched the same way one level down. Fields repeated with different
/// sub-selections then cost time linear in their number. Shapes that spread
/// fragments are compared directly, one verdict per pair of shapes.
final class ShapeSetIndex {
    /// Members that spread fragments: compared with every shape directly.
    let impure: [Int]
    /// Pure members by head.
    let shapesByHead: [Int: [Int]]
    /// For each head: response name → sub-field shape → members holding it.
    let subShapesByHead: [Int: [String: [Int: [Int]]]]
    /// Indexes over the sub-field shapes under one response name of one head.
    private var subIndexes: [SubKey: ShapeSetIndex] = [:]
    /// Members conflicting with a shape, by shape and mutual exclusivity.
    private var conflicting: [MemoKey: [Int]] = [:]

    private struct SubKey: Hashable {
        var head: Int
        var responseName: String
    }

    private struct MemoKey: Hashable {
        var shape: Int
        var mutuallyExclusive: Bool
    }

    init(_ members: some Sequence<Int>, shapes: FieldShapes) {
        var impure: [Int] = []
        var shapesByHead: [Int: [Int]] = [:]
        var subShapesByHead: [Int: [String: [Int: [Int]]]] = [:]
        for shape in members {
            let info = shapes.infos[shape]
            guard info.isPure else {
                impure.append(shape)
                continue
            }
            shapesByHead[info.head, default: []].append(shape)
            for entry in info.entries ?? [] {
                var holders = subShapesByHead[info.head, default: [:]][entry.responseName, default: [:]][
                    entry.shape, default: []]
                if holders.last != shape {
                    holders.append(shape)
                    subShapesByHead[info.head, default: [:]][entry.responseName, default: [:]][entry.shape] = holders
                }
            }
        }
        self.impure = impure
        self.shapesByHead = shapesByHead
        self.subShapesByHead = subShapesByHead
    }

    /// The members whose fields must be compared one by one with fields of
    /// `shape` (itself included when two fields of that shape must), in no
    /// particular order. `verdict` decides that for two shapes directly.
    func members(
        conflictingWith shape: Int, mutuallyExclusive: Bool, shapes: FieldShapes,
        verdict: (Int, Int) -> Bool
    ) -> [Int] {
        let key = MemoKey(shape: shape, mutuallyExclusive: mutuallyExclusive)
        if let known = conflicting[key] { return known }
        let info = shapes.infos[shape]
        var result = impure.filter { verdict(shape, $0) }
        guard info.isPure else {
            for members in shapesByHead.values {
                for member in members where verdict(shape, member) { result.append(member) }
            }
            conflicting[key] = result
            return result
        }
        for (head, members) in shapesByHead where head != info.head {
            for member in members where verdict(shape, member) { result.append(member) }
        }
        // A member of the same head conflicts only through its sub-fields; a
        // shape without sub-selection never conflicts with one of its own head.
        if let entries = info.entries, let subShapes = subShapesByHead[info.head] {
            var found = Set<Int>()
            var seen = Set<FieldShapes.Entry>()
            for entry in entries where seen.insert(entry).inserted {
                guard let holdersByShape = subShapes[entry.responseName] else { continue }
                let subIndex = self.subIndex(head: info.head, responseName: entry.responseName, holdersByShape, shapes)
                let subConflicts = subIndex.members(
                    conflictingWith: entry.shape, mutuallyExclusive: mutuallyExclusive, shapes: shapes, verdict: verdict
                )
                for subShape in subConflicts {
                    found.formUnion(holdersByShape[subShape] ?? [])
                }
            }
            result += found
        }
        conflicting[key] = result
        return result
    }

    private func subIndex(
        head: Int, responseName: String, _ holdersByShape: [Int: [Int]], _ shapes: FieldShapes
    ) -> ShapeSetIndex {
        let key = SubKey(head: head, responseName: responseName)
        if let known = subIndexes[key] { return known }
        let index = ShapeSetIndex(holdersByShape.keys, shapes: shapes)
        subIndexes[key] = index
        return index
    }
}
