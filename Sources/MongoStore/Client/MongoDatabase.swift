internal import CMongoc

/// A database handle: cheap to make, holds no connection.
public struct MongoDatabase: Sendable {
    public let name: String
    let pool: ClientPool

    /// A collection handle; no I/O.
    public func collection(_ name: String) -> MongoCollection {
        MongoCollection(namespace: MongoNamespace(database: self.name, collection: name), pool: pool)
    }

    /// Runs a database command as given (`{ping: 1}`, `{collStats: "c"}`, an
    /// `explain`...) and returns the server's reply; a reply with `ok: 0` throws.
    @discardableResult
    public func runCommand(_ command: BSONDocument, session: MongoSession? = nil) async throws(MongoError)
        -> BSONDocument
    {
        let (name, pool) = (self.name, self.pool)
        let run = { () async throws(MongoError) -> BSONDocument in
            try await pool.withClient(session: session) { context throws(MongoError) in
                let cmd = try context.bson(command)
                let opts = try context.opts([:])
                return try context.call { reply, error in
                    mongoc_client_command_with_opts(context.client, name, cmd, nil, opts, reply, &error)
                }
            }
        }
        guard let instrumentation = CommandInstrumentation.current else { return try await run() }
        // A collection command names its collection as its first value (`{distinct: "users", ...}`).
        let commandName = MongoCommandName(commandDocument: command)
        var collection: String?
        if commandName != .command, case .string(let named)? = command.elements.first?.value { collection = named }
        return try await instrumentation.measure(commandName, database: name, collection: collection, run)
    }

    /// Drops the database and everything in it.
    public func drop(session: MongoSession? = nil) async throws(MongoError) {
        try await runCommand(["dropDatabase": 1], session: session)
    }

    /// The names of the database's collections.
    public func listCollectionNames() async throws(MongoError) -> [String] {
        let reply = try await runCommand(["listCollections": 1, "nameOnly": true])
        guard let cursor = try? reply["cursor", as: BSONDocument.self],
            let batch = try? cursor["firstBatch", as: [BSONDocument].self]
        else { throw MongoError(code: .decoding, detail: "listCollections reply without cursor.firstBatch") }
        return batch.compactMap { try? $0["name", as: String.self] }
    }
}
