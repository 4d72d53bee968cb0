import Foundation
import MongoStore
import Testing

/// The live database the integration tests run against: `MONGODB_URI` from the
/// environment (start one with `scripts/db start --memory`). A missing URI fails
/// the test with that instruction; nothing is skipped silently.
enum LiveDatabase {
    struct MissingURI: Error, CustomStringConvertible {
        var description: String {
            "MONGODB_URI is not set: start a database (`export MONGODB_URI=$(scripts/db start --memory)`) and rerun"
        }
    }

    static func uri() throws -> String {
        guard let uri = ProcessInfo.processInfo.environment["MONGODB_URI"], !uri.isEmpty else { throw MissingURI() }
        return uri
    }

    static func client(maxPoolSize: Int? = nil) throws -> MongoClient {
        try MongoClient(MongoClientConfiguration(uri: uri(), maxPoolSize: maxPoolSize))
    }

    /// Runs `body` with a database of its own (named after the test, plus a
    /// random suffix) and drops that database afterwards, also when `body` throws.
    static func withDatabase<R>(
        _ test: String = #function, maxPoolSize: Int? = nil,
        _ body: (MongoClient, MongoDatabase) async throws -> R
    ) async throws -> R {
        let client = try client(maxPoolSize: maxPoolSize)
        let base = String(test.prefix { $0.isLetter || $0.isNumber }.prefix(40))
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let database = client.database("t_\(base)_\(suffix)")
        do {
            let result = try await body(client, database)
            try await database.drop()
            return result
        } catch {
            try? await database.drop()
            throw error
        }
    }
}
