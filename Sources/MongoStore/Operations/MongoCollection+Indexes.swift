internal import CMongoc

extension MongoCollection {
    /// Creates the indexes (one `createIndexes` command) and returns their
    /// names. An index that already exists with the same specification is left
    /// as it is; one with the same name but other options fails (server code 85/86).
    @discardableResult
    public func createIndexes(_ models: [IndexModel], session: MongoSession? = nil) async throws(MongoError) -> [String]
    {
        guard !models.isEmpty else { return [] }
        try await database.runCommand(
            ["createIndexes": .string(name), "indexes": .array(models.map { .document($0.specification) })],
            session: session)
        return models.map(\.resolvedName)
    }

    /// Creates one index and returns its name.
    @discardableResult
    public func createIndex(_ model: IndexModel, session: MongoSession? = nil) async throws(MongoError) -> String {
        try await createIndexes([model], session: session)[0]
    }

    /// The index specifications (`{v, key, name, unique...}`); empty when the
    /// collection does not exist.
    public func listIndexes() async throws(MongoError) -> [BSONDocument] {
        try await perform(.listIndexes, session: nil, documents: \.count) { context, collection throws(MongoError) in
            let cursor = mongoc_collection_find_indexes_with_opts(collection, try context.opts([:]))!
            defer { mongoc_cursor_destroy(cursor) }
            do throws(MongoError) {
                return try OperationContext.read(cursor: cursor).documents
            } catch  where error.code == .notFound {
                return []
            }
        }
    }

    /// Drops one index by name.
    public func dropIndex(_ name: String, session: MongoSession? = nil) async throws(MongoError) {
        try await database.runCommand(["dropIndexes": .string(self.name), "index": .string(name)], session: session)
    }

    /// Drops the collection with its indexes. Dropping a collection that does
    /// not exist is not an error (MongoDB 7 accepts it; older servers' "ns not
    /// found" is swallowed here), so the call is idempotent.
    public func drop(session: MongoSession? = nil) async throws(MongoError) {
        do throws(MongoError) {
            try await database.runCommand(["drop": .string(name)], session: session)
        } catch  where error.code == .notFound {
            return
        }
    }
}
