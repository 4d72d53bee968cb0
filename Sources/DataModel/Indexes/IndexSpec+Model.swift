public import MongoStore

extension IndexSpec {
    /// The key pattern as MongoDB writes it: `1`, `-1` or `"2dsphere"` per field.
    public var keyDocument: BSONDocument {
        BSONDocument(
            keys.map { key in
                let value: BSONValue =
                    switch key.kind {
                    case .ascending: .int32(1)
                    case .descending: .int32(-1)
                    case .sphere2D: .string("2dsphere")
                    }
                return BSONDocument.Element(key: key.field, value: value)
            })
    }

    /// The `createIndexes` model for this index, with its stable name.
    public var model: IndexModel {
        IndexModel(
            keys: keyDocument, name: name, unique: unique ? true : nil, sparse: sparse ? true : nil,
            expireAfterSeconds: expireAfterSeconds)
    }

    /// Whether an index as `listIndexes` reports it has this spec's keys (in
    /// order) and options. Numbers compare by value (`1`, `1.0` and `Int64(1)`
    /// are one direction); absent `unique`/`sparse` mean false.
    public func matches(listed: BSONDocument) -> Bool {
        guard let key = try? listed.get("key", as: BSONDocument.self) else { return false }
        return Self.sameKeys(key, keyDocument) && options(of: listed) == (unique, sparse, expireAfterSeconds)
    }

    /// Whether `listed` has this spec's key pattern, whatever its name and options.
    public func hasSameKeys(as listed: BSONDocument) -> Bool {
        guard let key = try? listed.get("key", as: BSONDocument.self) else { return false }
        return Self.sameKeys(key, keyDocument)
    }

    func options(of listed: BSONDocument) -> (Bool, Bool, Int?) {
        let unique = (try? listed["unique", as: Bool.self]) ?? nil
        let sparse = (try? listed["sparse", as: Bool.self]) ?? nil
        let ttl = (try? listed["expireAfterSeconds", as: Int.self]) ?? nil
        return (unique ?? false, sparse ?? false, ttl)
    }

    static func sameKeys(_ a: BSONDocument, _ b: BSONDocument) -> Bool {
        guard a.keys == b.keys else { return false }
        return zip(a.values, b.values).allSatisfy { direction($0) == direction($1) }
    }

    /// A key value reduced to what it means: a sign for numbers, the text for strings.
    static func direction(_ value: BSONValue) -> String {
        switch value {
        case .int32(let n): n < 0 ? "-1" : "1"
        case .int64(let n): n < 0 ? "-1" : "1"
        case .double(let n): n < 0 ? "-1" : "1"
        case .string(let s): s
        default: value.typeName
        }
    }
}
