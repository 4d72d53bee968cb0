import DataModel
import MongoStore
import Testing

@testable import SupportCarrData

@Suite("Migrator against the live database", .serialized)
struct MigratorTests {
    @Test("after migrate every catalogue index exists with its keys and options")
    func everyIndexExists() async throws {
        try await TestDatabase.with { database in
            let report = try await Migrator().migrate(database)
            #expect(report.created.count == IndexCatalogue.all.count)
            #expect(report.conflicts.isEmpty)
            for collection in Collections.allCases {
                let listed = try await database.collection(collection.name).listIndexes()
                for spec in IndexCatalogue.indexes(on: collection) {
                    let found = listed.first { (try? $0.get("name", as: String.self)) == spec.name }
                    let index = try #require(found, "\(spec) missing")
                    #expect(spec.matches(listed: index), "\(spec) differs: \(index)")
                }
            }
        }
    }

    @Test("migrating twice creates nothing the second time")
    func idempotent() async throws {
        try await TestDatabase.with { database in
            _ = try await Migrator().migrate(database)
            let second = try await Migrator().migrate(database)
            #expect(second.created.isEmpty)
            #expect(second.existing.count == IndexCatalogue.all.count)
        }
    }

    @Test("an index built earlier under another name counts as existing")
    func foreignName() async throws {
        try await TestDatabase.with { database in
            let spec = try #require(IndexCatalogue.indexes(on: .payouts).first)
            var model = spec.model
            model.name = "payouts_by_driver_and_period"
            _ = try await database.collection(spec.collection.name).createIndex(model)
            let report = try await Migrator().migrate(database)
            #expect(!report.created.contains(spec))
            #expect(report.existing.contains(spec))
        }
    }

    @Test("an index under our name with other options is reported as a conflict, not dropped")
    func conflict() async throws {
        try await TestDatabase.with { database in
            let spec = try #require(IndexCatalogue.indexes(on: .vehicles).first { $0.unique })
            var model = spec.model
            model.unique = nil
            _ = try await database.collection(spec.collection.name).createIndex(model)
            let report = try await Migrator().migrate(database)
            #expect(report.conflicts.map(\.spec) == [spec])
            let listed = try await database.collection(spec.collection.name).listIndexes()
            #expect(listed.contains { (try? $0.get("name", as: String.self)) == spec.name })
        }
    }

    @Test("the unique blind indexes refuse a second user with the same phone number")
    func blindIndexUnique() async throws {
        try await TestDatabase.with { database in
            _ = try await Migrator().migrate(database)
            let users = database.collection(Collections.users.name)
            try await users.insertOne(["phoneNumberHash": "abc", "role": "rider"])
            await #expect(throws: MongoError.self) {
                try await users.insertOne(["phoneNumberHash": "abc", "role": "driver"])
            }
        }
    }
}
