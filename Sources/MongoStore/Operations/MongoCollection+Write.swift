internal import CMongoc

extension MongoCollection {
    /// Reads a count field of a write reply (servers send int32 or int64).
    private static func count(_ reply: BSONDocument, _ key: String) -> Int {
        (try? reply[key, as: Int.self]) ?? 0
    }

    /// Inserts one document, giving it a new ObjectId `_id` first if it has none.
    @discardableResult
    public func insertOne(_ document: BSONDocument, session: MongoSession? = nil) async throws(MongoError)
        -> InsertOneResult
    {
        let (document, id) = Self.withID(document)
        try await perform(.insert, session: session, documents: { _ in 1 }) { context, collection throws(MongoError) in
            let doc = try context.bson(document)
            let opts = try context.opts([:])
            _ = try context.call { reply, error in mongoc_collection_insert_one(collection, doc, opts, reply, &error) }
        }
        return InsertOneResult(insertedID: id)
    }

    /// Inserts documents in order (stopping at the first failure unless
    /// `ordered` is false), each given an ObjectId `_id` if it has none.
    @discardableResult
    public func insertMany(
        _ documents: [BSONDocument], ordered: Bool = true, session: MongoSession? = nil
    ) async throws(MongoError) -> InsertManyResult {
        guard !documents.isEmpty else { throw .invalidArgument("insertMany of no documents") }
        let prepared = documents.map(Self.withID)
        let withIDs = prepared.map(\.0)
        try await perform(.insert, session: session, documents: { [count = withIDs.count] _ in count }) {
            context, collection throws(MongoError) in
            var pointers: [OpaquePointer?] = []
            pointers.reserveCapacity(withIDs.count)
            for document in withIDs { pointers.append(try context.bson(document)) }
            let opts = try context.opts(["ordered": .bool(ordered)])
            _ = try pointers.withUnsafeMutableBufferPointer { buffer throws(MongoError) in
                try context.call { reply, error in
                    mongoc_collection_insert_many(collection, buffer.baseAddress, buffer.count, opts, reply, &error)
                }
            }
        }
        return InsertManyResult(insertedIDs: prepared.map(\.1))
    }

    /// Updates the first document matching `filter` with update operators
    /// (`["$set": [...]]`); with `upsert`, inserts one when none matches.
    @discardableResult
    public func updateOne(
        _ filter: BSONDocument, _ update: BSONDocument, upsert: Bool = false, session: MongoSession? = nil
    ) async throws(MongoError) -> UpdateResult {
        try await runUpdate(filter, update, upsert: upsert, many: false, session: session)
    }

    /// Updates every document matching `filter`.
    @discardableResult
    public func updateMany(
        _ filter: BSONDocument, _ update: BSONDocument, upsert: Bool = false, session: MongoSession? = nil
    ) async throws(MongoError) -> UpdateResult {
        try await runUpdate(filter, update, upsert: upsert, many: true, session: session)
    }

    /// Replaces the first document matching `filter` with `replacement` (no operators).
    @discardableResult
    public func replaceOne(
        _ filter: BSONDocument, _ replacement: BSONDocument, upsert: Bool = false, session: MongoSession? = nil
    ) async throws(MongoError) -> UpdateResult {
        let reply = try await perform(.update, session: session) { context, collection throws(MongoError) in
            let f = try context.bson(filter)
            let r = try context.bson(replacement)
            let opts = try context.opts(["upsert": .bool(upsert)])
            return try context.call { reply, error in
                mongoc_collection_replace_one(collection, f, r, opts, reply, &error)
            }
        }
        return Self.updateResult(reply)
    }

    private func runUpdate(
        _ filter: BSONDocument, _ update: BSONDocument, upsert: Bool, many: Bool, session: MongoSession?
    ) async throws(MongoError) -> UpdateResult {
        let reply = try await perform(.update, session: session) { context, collection throws(MongoError) in
            let f = try context.bson(filter)
            let u = try context.bson(update)
            let opts = try context.opts(["upsert": .bool(upsert)])
            return try context.call { reply, error in
                many
                    ? mongoc_collection_update_many(collection, f, u, opts, reply, &error)
                    : mongoc_collection_update_one(collection, f, u, opts, reply, &error)
            }
        }
        return Self.updateResult(reply)
    }

    private static func updateResult(_ reply: BSONDocument) -> UpdateResult {
        UpdateResult(
            matchedCount: count(reply, "matchedCount"), modifiedCount: count(reply, "modifiedCount"),
            upsertedID: reply["upsertedId"])
    }

    /// Deletes the first document matching `filter`.
    @discardableResult
    public func deleteOne(_ filter: BSONDocument, session: MongoSession? = nil) async throws(MongoError) -> DeleteResult
    {
        try await delete(filter, many: false, session: session)
    }

    /// Deletes every document matching `filter`.
    @discardableResult
    public func deleteMany(_ filter: BSONDocument, session: MongoSession? = nil) async throws(MongoError)
        -> DeleteResult
    {
        try await delete(filter, many: true, session: session)
    }

    private func delete(_ filter: BSONDocument, many: Bool, session: MongoSession?) async throws(MongoError)
        -> DeleteResult
    {
        let reply = try await perform(.delete, session: session) { context, collection throws(MongoError) in
            let f = try context.bson(filter)
            let opts = try context.opts([:])
            return try context.call { reply, error in
                many
                    ? mongoc_collection_delete_many(collection, f, opts, reply, &error)
                    : mongoc_collection_delete_one(collection, f, opts, reply, &error)
            }
        }
        return DeleteResult(deletedCount: Self.count(reply, "deletedCount"))
    }

    /// Atomically updates the first document matching `filter` (in `sort`
    /// order) and returns it as it was `before` or is `after` the update; nil
    /// when none matched (and no upsert). A state transition with a precondition
    /// is a filter on the expected state: `["_id": id, "status": "pending"]`.
    /// https://www.mongodb.com/docs/manual/reference/command/findAndModify/
    public func findOneAndUpdate(
        _ filter: BSONDocument, _ update: BSONDocument, sort: BSONDocument? = nil, projection: BSONDocument? = nil,
        returnDocument: ReturnDocument = .after, upsert: Bool = false, session: MongoSession? = nil
    ) async throws(MongoError) -> BSONDocument? {
        var command: BSONDocument = [
            "findAndModify": .string(name), "query": .document(filter), "update": .document(update),
            "new": .bool(returnDocument == .after), "upsert": .bool(upsert),
        ]
        if let sort { command["sort"] = .document(sort) }
        if let projection { command["fields"] = .document(projection) }
        let reply = try await database.runCommand(command, session: session)
        guard let value = reply["value"] else { return nil }
        if case .document(let document) = value { return document }
        return nil
    }

    /// Atomically deletes the first document matching `filter` and returns it.
    public func findOneAndDelete(
        _ filter: BSONDocument, sort: BSONDocument? = nil, session: MongoSession? = nil
    ) async throws(MongoError) -> BSONDocument? {
        var command: BSONDocument = ["findAndModify": .string(name), "query": .document(filter), "remove": true]
        if let sort { command["sort"] = .document(sort) }
        let reply = try await database.runCommand(command, session: session)
        if case .document(let document)? = reply["value"] { return document }
        return nil
    }

    /// Runs several writes in one round trip per batch. `ordered` stops at the
    /// first failure; unordered attempts all and reports the first error.
    @discardableResult
    public func bulkWrite(
        _ models: [WriteModel], ordered: Bool = true, session: MongoSession? = nil
    ) async throws(MongoError) -> BulkWriteResult {
        guard !models.isEmpty else { throw .invalidArgument("bulkWrite of no operations") }
        let models = models.map { model -> WriteModel in
            if case .insertOne(let document) = model { return .insertOne(Self.withID(document).0) }
            return model
        }
        let reply = try await perform(.bulkWrite, session: session) { context, collection throws(MongoError) in
            let opts = try context.opts(["ordered": .bool(ordered)])
            let bulk = mongoc_collection_create_bulk_operation_with_opts(collection, opts)!
            defer { mongoc_bulk_operation_destroy(bulk) }
            var error = bson_error_t()
            for model in models {
                let ok: Bool
                switch model {
                case .insertOne(let document):
                    ok = mongoc_bulk_operation_insert_with_opts(bulk, try context.bson(document), nil, &error)
                case .updateOne(let filter, let update, let upsert):
                    ok = mongoc_bulk_operation_update_one_with_opts(
                        bulk, try context.bson(filter), try context.bson(update),
                        try context.bson(["upsert": .bool(upsert)]), &error)
                case .updateMany(let filter, let update, let upsert):
                    ok = mongoc_bulk_operation_update_many_with_opts(
                        bulk, try context.bson(filter), try context.bson(update),
                        try context.bson(["upsert": .bool(upsert)]), &error)
                case .replaceOne(let filter, let replacement, let upsert):
                    ok = mongoc_bulk_operation_replace_one_with_opts(
                        bulk, try context.bson(filter), try context.bson(replacement),
                        try context.bson(["upsert": .bool(upsert)]),
                        &error)
                case .deleteOne(let filter):
                    ok = mongoc_bulk_operation_remove_one_with_opts(bulk, try context.bson(filter), nil, &error)
                case .deleteMany(let filter):
                    ok = mongoc_bulk_operation_remove_many_with_opts(bulk, try context.bson(filter), nil, &error)
                }
                guard ok else { throw MongoError(error) }
            }
            return try context.call { reply, error in mongoc_bulk_operation_execute(bulk, reply, &error) != 0 }
        }
        var upserted: [Int: BSONValue] = [:]
        if let entries = try? reply["upserted", as: [BSONDocument].self] {
            for entry in entries {
                if let index = try? entry["index", as: Int.self], let id = entry["_id"] { upserted[index] = id }
            }
        }
        return BulkWriteResult(
            insertedCount: Self.count(reply, "nInserted"), matchedCount: Self.count(reply, "nMatched"),
            modifiedCount: Self.count(reply, "nModified"), deletedCount: Self.count(reply, "nRemoved"),
            upsertedCount: Self.count(reply, "nUpserted"), upsertedIDs: upserted)
    }

    /// The document with an `_id` first if it had none, and that `_id`.
    static func withID(_ document: BSONDocument) -> (BSONDocument, BSONValue) {
        if let id = document["_id"] { return (document, id) }
        let id = BSONValue.objectID(ObjectID())
        var elements = document.elements
        elements.insert(BSONDocument.Element(key: "_id", value: id), at: 0)
        return (BSONDocument(elements), id)
    }
}
