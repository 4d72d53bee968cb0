public import MongoStore

/// An opaque Relay cursor: the sort key (a date) and `_id` of the last item
/// seen, as base64 of `v1:<milliseconds>:<hex id>`. Clients must not read it;
/// the version prefix lets its layout change later.
public struct Cursor: Sendable, Equatable {
    public let sortKey: BSONDate
    public let id: ObjectID

    public init(sortKey: BSONDate, id: ObjectID) {
        self.sortKey = sortKey
        self.id = id
    }

    public var encoded: String {
        Base64.encode(Array("v1:\(sortKey.millisecondsSinceEpoch):\(id.hex)".utf8))
    }

    /// The cursor a client sent back; nil when it is not one of ours.
    public init?(encoded: String) {
        guard let bytes = Base64.decode(encoded) else { return nil }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let millis = Int64(parts[1]), let id = ObjectID(String(parts[2]))
        else {
            return nil
        }
        self.init(sortKey: BSONDate(millisecondsSinceEpoch: millis), id: id)
    }
}
