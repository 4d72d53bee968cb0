/// Which index a query must use: by name, or by its key pattern.
public enum IndexHint: Sendable, Hashable {
    case name(String)
    case keys(BSONDocument)

    var bsonValue: BSONValue {
        switch self {
        case .name(let name): .string(name)
        case .keys(let keys): .document(keys)
        }
    }
}

/// Options of `find`: https://www.mongodb.com/docs/manual/reference/command/find/
public struct FindOptions: Sendable {
    /// Fields to include (`["name": 1]`) or exclude (`["secret": 0]`).
    public var projection: BSONDocument?
    /// Sort order, in key order (`["createdAt": -1, "_id": 1]`).
    public var sort: BSONDocument?
    public var skip: Int?
    /// At most this many documents (0 or nil: no limit).
    public var limit: Int?
    /// Documents per server round trip.
    public var batchSize: Int?
    public var hint: IndexHint?
    /// Server-side time limit; exceeding it fails with ``MongoError/Code/timeout``.
    public var maxTimeMS: Int?
    /// Top-level fields left out of the documents as they are decoded: the
    /// server still sends them, the client does not build them. Not a
    /// projection on purpose: SecantusDB answers a find with an exclusion
    /// projection about 0.6 ms later than without one (it copies each document
    /// to drop the field), while skipping a field in the reply costs nothing;
    /// on MongoDB the field's bytes still cross the network.
    public var skippedFields: Set<String>

    public init(
        projection: BSONDocument? = nil, sort: BSONDocument? = nil, skip: Int? = nil, limit: Int? = nil,
        batchSize: Int? = nil, hint: IndexHint? = nil, maxTimeMS: Int? = nil, skippedFields: Set<String> = []
    ) {
        self.skippedFields = skippedFields
        self.projection = projection
        self.sort = sort
        self.skip = skip
        self.limit = limit
        self.batchSize = batchSize
        self.hint = hint
        self.maxTimeMS = maxTimeMS
    }

    /// The options as libmongoc's `find_with_opts` (and the `find` command) spell them.
    var document: BSONDocument {
        var opts = BSONDocument()
        if let projection { opts["projection"] = .document(projection) }
        if let sort { opts["sort"] = .document(sort) }
        if let skip { opts["skip"] = .int64(Int64(skip)) }
        if let limit { opts["limit"] = .int64(Int64(limit)) }
        if let batchSize { opts["batchSize"] = .int64(Int64(batchSize)) }
        if let hint { opts["hint"] = hint.bsonValue }
        if let maxTimeMS { opts["maxTimeMS"] = .int64(Int64(maxTimeMS)) }
        return opts
    }
}

/// Options of `aggregate`: https://www.mongodb.com/docs/manual/reference/command/aggregate/
public struct AggregateOptions: Sendable {
    public var batchSize: Int?
    public var hint: IndexHint?
    public var allowDiskUse: Bool?
    public var maxTimeMS: Int?

    public init(batchSize: Int? = nil, hint: IndexHint? = nil, allowDiskUse: Bool? = nil, maxTimeMS: Int? = nil) {
        self.batchSize = batchSize
        self.hint = hint
        self.allowDiskUse = allowDiskUse
        self.maxTimeMS = maxTimeMS
    }

    var document: BSONDocument {
        var opts = BSONDocument()
        if let batchSize { opts["batchSize"] = .int64(Int64(batchSize)) }
        if let hint { opts["hint"] = hint.bsonValue }
        if let allowDiskUse { opts["allowDiskUse"] = .bool(allowDiskUse) }
        if let maxTimeMS { opts["maxTimeMS"] = .int64(Int64(maxTimeMS)) }
        return opts
    }
}

/// Which version `findOneAndUpdate` returns.
public enum ReturnDocument: Sendable {
    case before, after
}
