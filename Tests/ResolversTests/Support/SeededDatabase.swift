import DataModel
import Enforcement
import Foundation
import GraphQLEngine
import MongoStore
import Resolvers
import SupportCarrData
@_exported import TestSupport
import Testing

/// A throw-away database on the server `MONGODB_URI` names, migrated (the
/// catalogue's indexes) and seeded by `DemoSeeder` with a fixed seed, dropped
/// after the test.
enum SeededDatabase {
    /// Seeded as of today (midnight UTC), not a fixed date: the migrated
    /// database has the notifications TTL index (30 days), and the server's TTL
    /// monitor would delete notifications dated by a fixed, ageing date mid-run.
    static let options = DemoSeedOptions(
        riders: 40, drivers: 20, rescues: 160, randomSeed: 5, asOf: DemoSeedOptions.startOfToday())

    static let schemaText: String =
        (try? String(
            contentsOf: LiveDatabase.repositoryRoot.appendingPathComponent("Schema.graphql"), encoding: .utf8)) ?? ""

    static func client() throws -> MongoClient { try LiveDatabase.client() }

    /// Runs `body` with a seeded database and a service over it (trusted context).
    static func with<R>(_ body: (Fixture) async throws -> R) async throws -> R {
        let client = try client()
        var random = SystemRandomNumberGenerator()
        let database = client.database("resolvers_test_" + String(random.next(), radix: 16))
        do {
            _ = try await Migrator().migrate(database)
            try await DemoSeeder(options: options).seed(into: MongoDemoSink(database: database))
            let schema = try SupportCarrSchema.make(
                sdl: schemaText, security: .development, exposesInternalErrors: true)
            let fixture = Fixture(database: database, service: GraphQLService(schema: schema, cache: nil))
            let result = try await body(fixture)
            if !LiveDatabase.keepsDatabases { try await database.drop() }
            return result
        } catch {
            if !LiveDatabase.keepsDatabases { try? await database.drop() }
            throw error
        }
    }
}

struct Fixture: Sendable {
    let database: MongoDatabase
    let service: GraphQLService

    var context: AccessContext { AccessContext(database: database, principal: .trusted) }

    func run(_ query: String, _ variables: [String: JSONValue] = [:], principal: Principal = .trusted) async
        -> GraphQLResponse
    {
        await service.execute(
            GraphQLRequest(query: query, variables: variables),
            context: AccessContext(database: database, principal: principal))
    }

    func collection(_ collection: Collections) -> MongoCollection { database.collection(collection.name) }
}

extension JSONValue {
    /// The value at a path of object keys and list indexes (nil when absent).
    subscript(_ path: Any...) -> JSONValue? {
        var current: JSONValue? = self
        for step in path {
            switch (current, step) {
            case (.object(let entries)?, let key as String): current = entries.first { $0.key == key }?.value
            case (.list(let items)?, let index as Int): current = index < items.count ? items[index] : nil
            default: return nil
            }
        }
        return current
    }

    var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    var listValue: [JSONValue]? { if case .list(let l) = self { l } else { nil } }
}
