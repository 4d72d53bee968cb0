import MongoStore
@_exported import TestSupport

/// A throw-away database on the server `MONGODB_URI` names (`LiveDatabase`),
/// dropped after the test whether it passed or not.
enum TestDatabase {
    static func uri() throws -> String { try LiveDatabase.uri() }

    static func with<R>(_ test: String = #function, _ body: (MongoClient, MongoDatabase) async throws -> R) async throws
        -> R
    {
        try await LiveDatabase.withDatabase(test, body)
    }
}
