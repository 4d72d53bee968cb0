import DataModel
import MongoStore
import Testing

@testable import SupportCarrData

@Suite("BulkLoadIndexes against the live database", .serialized)
struct BulkLoadIndexesTests {
    @Test("after migrate, the indexes of empty collections are set aside and built again")
    func setAsideAndBuild() async throws {
        try await TestDatabase.with { database in
            _ = try await Migrator().migrate(database)
            let indexes = BulkLoadIndexes()
            let dropped = try await indexes.setAside(in: database)
            #expect(Set(dropped) == Set(IndexCatalogue.all))
            for collection in Collections.allCases {
                let names = try await database.collection(collection.name).listIndexes().compactMap {
                    try? $0.get("name", as: String.self)
                }
                #expect(names == ["_id_"], "\(collection) kept \(names)")
            }
            let report = try await indexes.build(in: database)
            #expect(Set(report.created) == Set(IndexCatalogue.all))
            #expect(report.conflicts.isEmpty)
        }
    }

    @Test("a collection with documents keeps its indexes; an index unlike the catalogue's stays")
    func leavesWhatItMustNotDrop() async throws {
        try await TestDatabase.with { database in
            _ = try await Migrator().migrate(database)
            try await database.collection(Collections.users.name).insertOne(["role": "admin"])
            let conflicting = try #require(IndexCatalogue.indexes(on: .vehicles).first { $0.unique })
            let vehicles = database.collection(Collections.vehicles.name)
            try await vehicles.dropIndex(conflicting.name)
            var model = conflicting.model
            model.unique = nil
            _ = try await vehicles.createIndex(model)

            let dropped = try await BulkLoadIndexes().setAside(in: database)
            #expect(!dropped.contains { $0.collection == .users })
            #expect(!dropped.contains(conflicting))
            let userIndexes = try await database.collection(Collections.users.name).listIndexes()
            #expect(userIndexes.count == IndexCatalogue.indexes(on: .users).count + 1)
            let vehicleNames = try await vehicles.listIndexes().compactMap { try? $0.get("name", as: String.self) }
            #expect(vehicleNames.contains(conflicting.name))
        }
    }
}
