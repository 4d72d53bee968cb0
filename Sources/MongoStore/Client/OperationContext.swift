internal import CMongoc

/// What one job on a pool thread works with: the client, the session if any, and
/// the libbson/libmongoc objects it creates, all freed when the job ends.
/// Never leaves the thread it was made on.
final class OperationContext {
    let client: OpaquePointer
    let session: OpaquePointer?
    private var documents: [OpaquePointer] = []
    private var collections: [OpaquePointer] = []

    init(client: OpaquePointer, session: OpaquePointer?) {
        self.client = client
        self.session = session
    }

    deinit {
        for bson in documents { bson_destroy(bson) }
        for collection in collections { mongoc_collection_destroy(collection) }
    }

    /// A bson_t of `document`, freed with the context.
    func bson(_ document: BSONDocument) throws(MongoError) -> OpaquePointer {
        let bson: OpaquePointer
        do { bson = try document.makeBSON() } catch {
            throw MongoError(code: .invalidArgument, detail: error.description)
        }
        documents.append(bson)
        return bson
    }

    /// An options bson_t: `options` plus the session's `lsid` when there is a session.
    func opts(_ options: BSONDocument) throws(MongoError) -> OpaquePointer {
        let bson = try self.bson(options)
        if let session {
            var error = bson_error_t()
            guard mongoc_client_session_append(session, bson, &error) else { throw MongoError(error) }
        }
        return bson
    }

    /// A collection handle on this context's client.
    func collection(_ namespace: MongoNamespace) -> OpaquePointer {
        let collection = mongoc_client_get_collection(client, namespace.database, namespace.collection)!
        collections.append(collection)
        return collection
    }

    /// Calls a libmongoc function that fills a reply document and an error;
    /// returns the reply, or throws the error refined by the reply.
    func call(_ function: (_ reply: OpaquePointer, _ error: inout bson_error_t) -> Bool) throws(MongoError)
        -> BSONDocument
    {
        var error = bson_error_t()
        let (ok, reply): (Bool, BSONDocument?) = withAlignedScratch { reply in
            bson_init(reply)
            let ok = function(reply, &error)
            let document = try? BSONDocument(bson: reply)
            bson_destroy(reply)
            return (ok, document)
        }
        guard ok else { throw MongoError(error, reply: reply) }
        return reply ?? BSONDocument()
    }

    /// Reads up to `limit` documents from a cursor; `exhausted` when the cursor
    /// has no more. Throws the cursor's error.
    static func read(cursor: OpaquePointer, limit: Int = .max, skipping skipped: Set<String> = []) throws(MongoError)
        -> (documents: [BSONDocument], exhausted: Bool)
    {
        var documents: [BSONDocument] = []
        var current: OpaquePointer?
        let skipped = SkippedKeys(skipped)
        while documents.count < limit {
            guard mongoc_cursor_next(cursor, &current) else {
                var error = bson_error_t()
                var reply: OpaquePointer?
                if mongoc_cursor_error_document(cursor, &error, &reply) {
                    throw MongoError(error, reply: reply.flatMap { try? BSONDocument(bson: $0) })
                }
                return (documents, true)
            }
            guard let current else { continue }
            do { documents.append(try BSONDocument(bson: current, skipping: skipped)) } catch {
                throw .decoding(error)
            }
        }
        return (documents, false)
    }
}

/// A database and collection name.
struct MongoNamespace: Sendable, Hashable {
    let database: String
    let collection: String
}
