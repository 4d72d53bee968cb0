import DataModel
import MongoStore
import Testing

@testable import SupportCarrData

/// `OwnerFieldBackfill` against data written without the owner fields, as the
/// company's Node services write it: the fields it fills in are those the demo
/// seeder writes itself (which follow the relations), and a second run writes
/// nothing.
@Suite("Owner-field backfill", .serialized)
struct OwnerFieldBackfillTests {
    static let owned: [(Collections, [String])] = [
        (.rescueRequests, ["driverId"]), (.rescueAssignments, ["riderId"]),
        (.rescueStatusHistories, ["riderId", "driverId"]),
    ]

    /// Every document's owner fields, by collection and `_id`.
    static func owners(in database: MongoDatabase) async throws -> [Collections: [ObjectID: BSONDocument]] {
        var found: [Collections: [ObjectID: BSONDocument]] = [:]
        for (collection, fields) in owned {
            var projection: BSONDocument = [:]
            for field in fields { projection[field] = 1 }
            for document in try await database.collection(collection).find(
                [:], options: FindOptions(projection: projection))
            {
                guard case .objectID(let id)? = document["_id"] else { continue }
                var values: BSONDocument = [:]
                for field in fields { values[field] = document[field] ?? .string("absent") }
                found[collection, default: [:]][id] = values
            }
        }
        return found
    }

    @Test("fields removed from seeded data are filled in as the seeder wrote them, and a second run writes nothing")
    func restoresWhatTheSeederWrote() async throws {
        try await TestDatabase.with { database in
            _ = try await Migrator().migrate(database)
            try await DemoSeeder(options: DemoSeedOptions(riders: 20, drivers: 8, rescues: 120))
                .seed(into: MongoDemoSink(database: database))
            let seeded = try await Self.owners(in: database)
            // As if another writer had stored them: no owner fields at all.
            for (collection, fields) in Self.owned {
                var unset: BSONDocument = [:]
                for field in fields { unset[field] = "" }
                _ = try await database.collection(collection).updateMany([:], ["$unset": .document(unset)])
            }
            let first = try await OwnerFieldBackfill(batchSize: 7).run(database)
            #expect(first.rescues == 120)
            #expect(first.assignments > 0 && first.histories > first.rescues)
            #expect(try await Self.owners(in: database) == seeded)
            let second = try await OwnerFieldBackfill(batchSize: 7).run(database)
            #expect(second.total == 0)
        }
    }
}
