import Foundation
import MongoStore
import Testing

/// A throw-away database on the server `MONGODB_URI` names, dropped after the
/// test whether it passed or not.
enum TestDatabase {
    static func uri() throws -> String {
        try #require(
            ProcessInfo.processInfo.environment["MONGODB_URI"].flatMap { $0.isEmpty ? nil : $0 },
            "MONGODB_URI is not set: run scripts/test, or export MONGODB_URI=$(scripts/db start --memory)")
    }

    static func with<R>(_ body: (MongoClient, MongoDatabase) async throws -> R) async throws -> R {
        let client = try MongoClient(uri: try uri())
        var random = SystemRandomNumberGenerator()
        let database = client.database("supportcarr_gateway_test_" + String(random.next(), radix: 16))
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
