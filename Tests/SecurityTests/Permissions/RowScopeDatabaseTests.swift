import DataModel
import MongoStore
import Testing

@testable import Security

/// Row rules against a live database: the filters, ANDed into queries, return
/// exactly each caller's rows, and counts agree.
@Suite("Row scope on a live database")
struct RowScopeDatabaseTests {
    /// Two riders and two drivers; rider A's rescues r1 (driver X) and r2 (driver Y),
    /// rider B's rescue r3 (driver X) and r4 (unassigned).
    struct World {
        let riderUserA = ObjectID(), riderUserB = ObjectID(), driverUserX = ObjectID(), driverUserY = ObjectID()
        let riderA = ObjectID(), riderB = ObjectID(), driverX = ObjectID(), driverY = ObjectID()
        let r1 = ObjectID(), r2 = ObjectID(), r3 = ObjectID(), r4 = ObjectID()

        func write(to db: MongoDatabase) async throws {
            try await db.collection("riderprofiles").insertMany([
                ["_id": .objectID(riderA), "userId": .objectID(riderUserA)],
                ["_id": .objectID(riderB), "userId": .objectID(riderUserB)],
            ])
            try await db.collection("driverprofiles").insertMany([
                ["_id": .objectID(driverX), "userId": .objectID(driverUserX)],
                ["_id": .objectID(driverY), "userId": .objectID(driverUserY)],
            ])
            try await db.collection("rescuerequests").insertMany([
                ["_id": .objectID(r1), "riderId": .objectID(riderA), "status": "completed"],
                ["_id": .objectID(r2), "riderId": .objectID(riderA), "status": "accepted"],
                ["_id": .objectID(r3), "riderId": .objectID(riderB), "status": "completed"],
                ["_id": .objectID(r4), "riderId": .objectID(riderB), "status": "requested"],
            ])
            try await db.collection("rescueassignments").insertMany([
                ["rescueId": .objectID(r1), "driverId": .objectID(driverX)],
                ["rescueId": .objectID(r2), "driverId": .objectID(driverY)],
                ["rescueId": .objectID(r3), "driverId": .objectID(driverX)],
            ])
            try await db.collection("payments").insertMany([
                ["rescueId": .objectID(r1), "riderId": .objectID(riderA), "driverId": .objectID(driverX)],
                ["rescueId": .objectID(r3), "riderId": .objectID(riderB), "driverId": .objectID(driverX)],
            ])
        }
    }

    func ids(_ documents: [BSONDocument]) -> Set<ObjectID> {
        Set(documents.compactMap { if case .objectID(let id)? = $0["_id"] { id } else { nil } })
    }

    @Test("riders and drivers see exactly their rows; counts agree with the pages")
    func scopes() async throws {
        try await TestDatabase.with { db in
            let world = World()
            try await world.write(to: db)
            let loader = RowRelationsLoader(database: db)
            let collections: [Collections] = [
                .rescueRequests, .rescueAssignments, .payments, .riderProfiles, .driverProfiles,
            ]

            let riderA = try await loader.load(
                try await loader.scope(userId: world.riderUserA, role: .rider), for: collections)
            #expect(riderA.riderProfileId == world.riderA)
            #expect(Set(riderA.relations[.ownRescueIds] ?? []) == [world.r1, world.r2])
            #expect(Set(riderA.relations[.counterpartDriverIds] ?? []) == [world.driverX, world.driverY])
            let riderRescues = try await db.collection("rescuerequests").find(
                riderA.restrict([:], in: .rescueRequests))
            #expect(ids(riderRescues) == [world.r1, world.r2])
            #expect(
                try await db.collection("rescueassignments").countDocuments(riderA.filter(for: .rescueAssignments))
                    == 2)
            #expect(try await db.collection("payments").countDocuments(riderA.filter(for: .payments)) == 1)
            let completed = riderA.restrict(["status": "completed"], in: .rescueRequests)
            #expect(ids(try await db.collection("rescuerequests").find(completed)) == [world.r1])
            #expect(try await db.collection("rescuerequests").countDocuments(completed) == 1)

            let driverX = try await loader.load(
                try await loader.scope(userId: world.driverUserX, role: .driver), for: collections)
            #expect(driverX.driverProfileId == world.driverX)
            let driverRescues = try await db.collection("rescuerequests").find(driverX.filter(for: .rescueRequests))
            #expect(ids(driverRescues) == [world.r1, world.r3])
            let driverRiders = try await db.collection("riderprofiles").find(driverX.filter(for: .riderProfiles))
            #expect(ids(driverRiders) == [world.riderA, world.riderB])
            #expect(try await db.collection("payments").countDocuments(driverX.filter(for: .payments)) == 2)

            let driverY = try await loader.load(
                try await loader.scope(userId: world.driverUserY, role: .driver), for: collections)
            #expect(
                ids(try await db.collection("rescuerequests").find(driverY.filter(for: .rescueRequests))) == [world.r2]
            )
            #expect(
                ids(try await db.collection("riderprofiles").find(driverY.filter(for: .riderProfiles))) == [
                    world.riderA
                ])
            #expect(try await db.collection("payments").countDocuments(driverY.filter(for: .payments)) == 0)

            let support = try await loader.load(
                try await loader.scope(userId: ObjectID(), role: .support), for: collections)
            #expect(
                try await db.collection("rescuerequests").countDocuments(support.filter(for: .rescueRequests)) == 4)

            // Loading only what `vehicles` needs keeps the list it was read through.
            let vehiclesOnly = try await loader.load(
                try await loader.scope(userId: world.riderUserB, role: .rider), for: [.vehicles])
            #expect(Set(vehiclesOnly.relations.keys) == [.ownRescueIds, .counterpartDriverIds])
            #expect(vehiclesOnly.relations[.counterpartDriverIds] == [world.driverX])

            // A rider account without a profile sees no rescue.
            let newcomer = try await loader.load(
                try await loader.scope(userId: ObjectID(), role: .rider), for: collections)
            #expect(
                try await db.collection("rescuerequests").countDocuments(newcomer.filter(for: .rescueRequests)) == 0)
        }
    }
}
