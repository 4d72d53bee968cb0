/// An index to create: https://www.mongodb.com/docs/manual/reference/command/createIndexes/
///
/// A 2dsphere index is a key with the value "2dsphere":
/// `IndexModel(keys: ["location": "2dsphere"])`.
public struct IndexModel: Sendable, Hashable {
    /// The key pattern in order (`["riderId": 1, "createdAt": -1]`).
    public var keys: BSONDocument
    /// The name; when nil, the server's convention (`riderId_1_createdAt_-1`).
    public var name: String?
    public var unique: Bool?
    public var sparse: Bool?
    /// A TTL index: documents expire this long after the indexed date.
    public var expireAfterSeconds: Int?
    /// Only documents matching this filter are indexed.
    public var partialFilterExpression: BSONDocument?
    /// Any further index option, appended as given (`collation`, `2dsphereIndexVersion`...).
    public var extraOptions: BSONDocument

    public init(
        keys: BSONDocument, name: String? = nil, unique: Bool? = nil, sparse: Bool? = nil,
        expireAfterSeconds: Int? = nil, partialFilterExpression: BSONDocument? = nil,
        extraOptions: BSONDocument = [:]
    ) {
        self.keys = keys
        self.name = name
        self.unique = unique
        self.sparse = sparse
        self.expireAfterSeconds = expireAfterSeconds
        self.partialFilterExpression = partialFilterExpression
        self.extraOptions = extraOptions
    }

    /// The name the index gets: ``name`` or the server's default for ``keys``.
    public var resolvedName: String {
        if let name { return name }
        return keys.elements.map { element -> String in
            let direction: String =
                switch element.value {
                case .int32(let i): String(i)
                case .int64(let i): String(i)
                case .double(let d): d == d.rounded() ? String(Int(d)) : String(d)
                case .string(let s): s
                default: "1"
                }
            return "\(element.key)_\(direction)"
        }.joined(separator: "_")
    }

    /// The index specification the `createIndexes` command takes.
    var specification: BSONDocument {
        var spec: BSONDocument = ["key": .document(keys), "name": .string(resolvedName)]
        if let unique { spec["unique"] = .bool(unique) }
        if let sparse { spec["sparse"] = .bool(sparse) }
        if let expireAfterSeconds { spec["expireAfterSeconds"] = .int64(Int64(expireAfterSeconds)) }
        if let partialFilterExpression { spec["partialFilterExpression"] = .document(partialFilterExpression) }
        for element in extraOptions { spec[element.key] = element.value }
        return spec
    }
}
