import Foundation
import MongoStore
import Testing

/// A throw-away database on the server `MONGODB_URI` names, dropped after the
/// test whether it passed or not. `scripts/test` starts a server and sets the
/// variable; without it these tests fail with a message saying so.
enum TestDatabase {
    static func uri() throws -> String {
        try #require(
            ProcessInfo.processInfo.environment["MONGODB_URI"].flatMap { $0.isEmpty ? nil : $0 },
            "MONGODB_URI is not set: run scripts/test, or export MONGODB_URI=$(scripts/db start --memory)")
    }

    static func with<R>(_ body: (MongoDatabase) async throws -> R) async throws -> R {
        let client = try MongoClient(uri: try uri())
        var random = SystemRandomNumberGenerator()
        let name = "supportcarr_sec_test_" + String(random.next(), radix: 16)
        let database = client.database(name)
        do {
            let result = try await body(database)
            try await database.drop()
            return result
        } catch {
            try? await database.drop()
            throw error
        }
    }
}
