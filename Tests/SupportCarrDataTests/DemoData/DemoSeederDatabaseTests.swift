import DataModel
import MongoStore
import Security
import Testing

@testable import SupportCarrData

@Suite("DemoSeeder against the live database", .serialized)
struct DemoSeederDatabaseTests {
    static let options = DemoSeedOptions(
        riders: 25, drivers: 10, rescues: 150, randomSeed: 42, asOf: DemoSeedOptions.startOfToday())

    func readBack(_ database: MongoDatabase) async throws -> [Collections: [BSONDocument]] {
        var documents: [Collections: [BSONDocument]] = [:]
        for collection in Collections.allCases {
            documents[collection] = try await database.collection(collection.name).find(
                [:], options: FindOptions(sort: ["_id": 1]))
        }
        return documents
    }

    @Test("seeding after migrate fills all 17 collections, with integrity and without plaintext")
    func seedsEverything() async throws {
        try await TestDatabase.with { database in
            _ = try await Migrator().migrate(database)
            let counts = try await DemoSeeder(options: Self.options).seed(into: MongoDemoSink(database: database))
            let documents = try await readBack(database)
            for collection in Collections.allCases {
                #expect((documents[collection]?.count ?? 0) > 0, "\(collection) is empty")
                #expect(documents[collection]?.count == counts[collection])
            }
            let checks = DemoDataChecks(documents: documents)
            try checks.referentialIntegrity()
            try checks.money()
            checks.noPlaintext(of: DemoSeeder(options: Self.options).cast().encryptedPlaintexts)
            try checks.encryptedFieldsDecrypt(with: FieldCipher(keyRing: .development))
        }
    }

    @Test("the same seed writes the same documents into two databases")
    func deterministic() async throws {
        let first = try await TestDatabase.with { database in
            try await DemoSeeder(options: Self.options).seed(into: MongoDemoSink(database: database))
            return try await readBack(database)
        }
        let second = try await TestDatabase.with { database in
            try await DemoSeeder(options: Self.options).seed(into: MongoDemoSink(database: database))
            return try await readBack(database)
        }
        #expect(DemoSeederTests.withoutCiphertexts(first) == DemoSeederTests.withoutCiphertexts(second))
    }

    @Test("a driver-matching $near query finds online available drivers through the catalogue index")
    func driverMatching() async throws {
        try await TestDatabase.with { database in
            _ = try await Migrator().migrate(database)
            try await DemoSeeder(options: Self.options).seed(into: MongoDemoSink(database: database))
            let near: BSONDocument = [
                "location": [
                    "$near": [
                        "$geometry": ["type": "Point", "coordinates": [-122.4194, 37.7749]], "$maxDistance": 8000,
                    ]
                ],
                "isOnline": true, "isAvailable": true, "status": "approved",
            ]
            let found = try await database.collection(Collections.driverProfiles.name).find(
                near, options: FindOptions(limit: 20))
            #expect(!found.isEmpty)
            for driver in found {
                #expect(try driver.get("isOnline", as: Bool.self))
                #expect(try driver.get("status", as: String.self) == "approved")
            }
        }
    }

    @Test(
        "a seed ends with every catalogue index and the same documents, indexes built after the load or not",
        arguments: [false, true])
    func seedEndsWithEveryIndex(migratedFirst: Bool) async throws {
        func indexes(_ database: MongoDatabase) async throws -> [Collections: Set<String>] {
            var names: [Collections: Set<String>] = [:]
            for collection in Collections.allCases {
                names[collection] = Set(
                    try await database.collection(collection.name).listIndexes().compactMap {
                        try? $0.get("name", as: String.self)
                    })
            }
            return names
        }
        let catalogue = Dictionary(
            uniqueKeysWithValues: Collections.allCases.map {
                ($0, Set(IndexCatalogue.indexes(on: $0).map(\.name)).union(["_id_"]))
            })
        var loaded: [[Collections: [BSONDocument]]] = []
        for afterLoad in [true, false] {
            let documents = try await TestDatabase.with { database in
                if migratedFirst { _ = try await Migrator().migrate(database) }
                let report = try await DemoDatabaseSeed(
                    seeder: DemoSeeder(options: Self.options), database: database, indexesAfterLoad: afterLoad
                ).run()
                #expect(report.indexes.conflicts.isEmpty)
                #expect(report.setAside.count == (migratedFirst && afterLoad ? IndexCatalogue.all.count : 0))
                #expect(try await indexes(database) == catalogue)
                for collection in Collections.allCases {
                    for spec in IndexCatalogue.indexes(on: collection) {
                        let listed = try await database.collection(collection.name).listIndexes()
                        let found = try #require(listed.first { (try? $0.get("name", as: String.self)) == spec.name })
                        #expect(spec.matches(listed: found), "\(spec) differs: \(found)")
                    }
                }
                return try await readBack(database)
            }
            loaded.append(DemoSeederTests.withoutCiphertexts(documents))
        }
        #expect(loaded[0] == loaded[1])
    }

    @Test("--if-empty sees seeded data")
    func hasData() async throws {
        try await TestDatabase.with { database in
            let sink = MongoDemoSink(database: database)
            #expect(try await sink.hasData() == false)
            try await DemoSeeder(options: DemoSeedOptions(riders: 2, drivers: 1, rescues: 3)).seed(into: sink)
            #expect(try await sink.hasData())
        }
    }
}
