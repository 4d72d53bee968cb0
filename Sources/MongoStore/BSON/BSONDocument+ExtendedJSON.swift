internal import CMongoc

// MongoDB Extended JSON v2 (https://www.mongodb.com/docs/manual/reference/mongodb-extended-json/)
// through libbson: relaxed output for logs and debugging, and parsing of either
// form, handy for fixtures.

extension BSONDocument: CustomStringConvertible {
    /// Relaxed Extended JSON, e.g. `{ "_id" : { "$oid" : "..." }, "n" : 1 }`.
    public var description: String { relaxedExtendedJSON }

    /// Relaxed Extended JSON; a document libbson cannot encode prints as `{}`.
    public var relaxedExtendedJSON: String {
        guard let bson = try? makeBSON() else { return "{}" }
        defer { bson_destroy(bson) }
        var length = 0
        guard let json = bson_as_relaxed_extended_json(bson, &length) else { return "{}" }
        defer { bson_free(json) }
        return String(cString: json)
    }

    /// Parses Extended JSON (canonical or relaxed).
    public init(extendedJSON json: String) throws(BSONError) {
        var error = bson_error_t()
        let bson: OpaquePointer? = json.withCString { bson_new_from_json($0, -1, &error) }
        guard let bson else { throw .invalidDocument(MongoError.message(of: error)) }
        defer { bson_destroy(bson) }
        try self.init(bson: bson)
    }
}
