import CMongoc
import MongoStore

/// The baseline: the same operations written directly against libmongoc, the
/// way a C program would (a client pool, pop/push per operation, bson_t built
/// with bson_append_*, documents read with bson_iter_*), called on the
/// benchmark's own thread with no hop.
final class RawMongo: @unchecked Sendable {
    let uri: OpaquePointer
    let pool: OpaquePointer
    let database: String

    struct Failure: Error, CustomStringConvertible { let description: String }

    init(uri uriString: String, database: String) throws {
        mongoc_init()
        var error = bson_error_t()
        guard let uri = mongoc_uri_new_with_error(uriString, &error) else { throw Failure(description: "bad URI") }
        guard let pool = mongoc_client_pool_new_with_error(uri, &error) else { throw Failure(description: "no pool") }
        mongoc_client_pool_set_error_api(pool, 2)
        self.uri = uri
        self.pool = pool
        self.database = database
    }

    /// Runs a find and walks every field of every result (reading, not
    /// converting, so the C side does the least work that still touches the data).
    func find(filter: BSONDocument, limit: Int64) throws -> Int {
        let client = mongoc_client_pool_pop(pool)!
        defer { mongoc_client_pool_push(pool, client) }
        let collection = mongoc_client_get_collection(client, database, "drivers")!
        defer { mongoc_collection_destroy(collection) }
        let filterBSON = try RawBSON.make(filter)
        defer { bson_destroy(filterBSON) }
        let opts = bson_new()!
        defer { bson_destroy(opts) }
        if limit > 0 { bson_append_int64(opts, "limit", -1, limit) }
        let cursor = mongoc_collection_find_with_opts(collection, filterBSON, opts, nil)!
        defer { mongoc_cursor_destroy(cursor) }
        var doc: OpaquePointer?
        var count = 0
        let iter = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 128)
        defer { iter.deallocate() }
        while mongoc_cursor_next(cursor, &doc) {
            if bson_iter_init(OpaquePointer(iter), doc) {
                while bson_iter_next(OpaquePointer(iter)) {}
            }
            count += 1
        }
        var error = bson_error_t()
        if mongoc_cursor_error(cursor, &error) { throw Failure(description: "find failed") }
        return count
    }

    func insertMany(_ documents: [BSONDocument]) throws -> Int {
        let client = mongoc_client_pool_pop(pool)!
        defer { mongoc_client_pool_push(pool, client) }
        let collection = mongoc_client_get_collection(client, database, "inserts_raw")!
        defer { mongoc_collection_destroy(collection) }
        var pointers: [OpaquePointer?] = try documents.map { try RawBSON.make($0) }
        defer { for p in pointers { bson_destroy(p) } }
        var error = bson_error_t()
        let ok = pointers.withUnsafeMutableBufferPointer {
            mongoc_collection_insert_many(collection, $0.baseAddress, $0.count, nil, nil, &error)
        }
        guard ok else { throw Failure(description: "insertMany failed") }
        return documents.count
    }
}
