/// The response's `data` as it is built: one flat array of slots instead of a
/// tree of nodes, so completing an object or a list reserves a contiguous
/// run of slots (one per field or item) and allocates nothing per object.
///
/// Slot 0 is `data` itself. Every slot knows its parent, so a slot's response
/// path and null propagation both walk up the array. Objects keep the index
/// of their key list (`objectKeys`), so the JSON writer emits fields in
/// selection order (https://spec.graphql.org/October2021/#sec-Serialized-Map-Ordering).
public struct ResultTree: Sendable {
    var slots: [ResultSlot]
    /// The response keys of each object shape, by `ResultSlot.Value.object`'s `keys`.
    var objectKeys: [ObjectKeys]

    init() {
        slots = [ResultSlot(value: .pending, parent: -1, nonNull: false)]
        objectKeys = []
    }

    /// The tree as a `JSONValue` (for tests and for callers that post-process
    /// the data; the response writer does not need it).
    public var data: JSONValue { value(at: 0) }

    func value(at index: Int) -> JSONValue {
        let slot = slots[index]
        if slot.isNull { return .null }
        switch slot.value {
        case .pending: return .null
        case .leaf(let value): return value
        case .object(let start, let keysIndex):
            let keys = objectKeys[keysIndex].names
            var entries: [(key: String, value: JSONValue)] = []
            entries.reserveCapacity(keys.count)
            for (offset, key) in keys.enumerated() { entries.append((key, value(at: start + offset))) }
            return .object(entries)
        case .list(let start, let count):
            return .list((0..<count).map { value(at: start + $0) })
        }
    }
}

struct ResultSlot: Sendable {
    enum Value: Sendable {
        /// Not completed yet (or never will be, below a nulled ancestor).
        case pending
        case leaf(JSONValue)
        /// Children at `start ..< start + objectKeys[keys].count`.
        case object(start: Int, keys: Int)
        case list(start: Int, count: Int)
    }

    var value: Value
    var parent: Int
    /// Whether the slot's type is non-null, so a null here nulls the parent.
    var nonNull: Bool
    /// Set when the slot became null (its `value` is kept for path lookups).
    var isNull = false

    init(value: Value, parent: Int, nonNull: Bool) {
        self.value = value
        self.parent = parent
        self.nonNull = nonNull
    }
}

/// The keys of one object shape: as strings (for paths) and pre-encoded as
/// the JSON the writer emits before each value (`"key":`, with a leading comma
/// after the first), so writing a key is one copy.
struct ObjectKeys: Sendable {
    let names: [String]
    let encoded: [UInt8]
    /// `encoded[ends[i - 1] ..< ends[i]]` is the text before field `i`'s value.
    let ends: [Int]

    init(_ names: [String]) {
        self.names = names
        var writer = JSONWriter()
        var ends: [Int] = []
        ends.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            if index > 0 { writer.bytes.append(UInt8(ascii: ",")) }
            writer.write(string: name)
            writer.bytes.append(UInt8(ascii: ":"))
            ends.append(writer.bytes.count)
        }
        self.encoded = writer.finish()
        self.ends = ends
    }
}
