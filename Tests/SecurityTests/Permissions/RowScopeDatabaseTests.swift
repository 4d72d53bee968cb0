import DataModel
import MongoStore
import Testing

@testable import Security

/// Row rules against a live database: the filters, ANDed into queries, return
/// exactly each caller's rows, and counts agree.
@Suite("Row scope on a live database")
struct RowScopeDatabaseTests {
    /// Two riders and two drivers; rider A's rescues r1 (driver X, completed
    /// two days ago) and r2 (driver Y, accepted), rider B's rescue r3 (driver
    /// X, completed ten minutes ago) and r4 (unassigned), r5 (offered to
    /// driver Y, who declined). Owner fields as the gateway writes them.
    struct World {
        let riderUserA = ObjectID(), riderUserB = ObjectID(), driverUserX = ObjectID(), driverUserY = ObjectID()
        let riderA = ObjectID(), riderB = ObjectID(), driverX = ObjectID(), driverY = ObjectID()
        let r1 = ObjectID(), r2 = ObjectID(), r3 = ObjectID(), r4 = ObjectID(), r5 = ObjectID()
        let now = BSONDate.now()

        func ago(minutes: Int64) -> BSONValue {
            .date(BSONDate(millisecondsSinceEpoch: now.millisecondsSinceEpoch - minutes * 60_000))
        }

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
                [
                    "_id": .objectID(r1), "riderId": .objectID(riderA), "driverId": .objectID(driverX),
                    "status": "completed",
                ],
                [
                    "_id": .objectID(r2), "riderId": .objectID(riderA), "driverId": .objectID(driverY),
                    "status": "accepted",
                ],
                [
                    "_id": .objectID(r3), "riderId": .objectID(riderB), "driverId": .objectID(driverX),
                    "status": "completed",
                ],
                ["_id": .objectID(r4), "riderId": .objectID(riderB), "driverId": .null, "status": "requested"],
                ["_id": .objectID(r5), "riderId": .objectID(riderB), "driverId": .null, "status": "requested"],
            ])
            try await db.collection("rescueassignments").insertMany([
                [
                    "rescueId": .objectID(r1), "riderId": .objectID(riderA), "driverId": .objectID(driverX),
                    "status": "completed", "completedAt": ago(minutes: 2 * 24 * 60),
                ],
                [
                    "rescueId": .objectID(r2), "riderId": .objectID(riderA), "driverId": .objectID(driverY),
                    "status": "accepted",
                ],
                [
                    "rescueId": .objectID(r3), "riderId": .objectID(riderB), "driverId": .objectID(driverX),
                    "status": "completed", "completedAt": ago(minutes: 10),
                ],
                [
                    "rescueId": .objectID(r5), "riderId": .objectID(riderB), "driverId": .objectID(driverY),
                    "status": "rejected",
                ],
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

    @Test("riders and drivers see exactly their rows and the other party of their live rescues; counts agree")
    func scopes() async throws {
        try await TestDatabase.with { db in
            let world = World()
            try await world.write(to: db)
            let loader = RowRelationsLoader(database: db)
            let collections: [Collections] = [
                .rescueRequests, .rescueAssignments, .payments, .riderProfiles, .driverProfiles, .vehicles,
            ]

            let riderA = try await loader.load(
                try await loader.scope(userId: world.riderUserA, role: .rider), for: collections, now: world.now)
            #expect(riderA.riderProfileId == world.riderA)
            // r2's driver is live; r1's job ended two days ago.
            #expect(riderA.relations[.liveDriverIds] == [world.driverY])
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

            // Rider B's rescue r3 completed ten minutes ago: within the grace period.
            let riderB = try await loader.load(
                try await loader.scope(userId: world.riderUserB, role: .rider), for: collections, now: world.now)
            #expect(riderB.relations[.liveDriverIds] == [world.driverX])

            let driverX = try await loader.load(
                try await loader.scope(userId: world.driverUserX, role: .driver), for: collections, now: world.now)
            #expect(driverX.driverProfileId == world.driverX)
            let driverRescues = try await db.collection("rescuerequests").find(driverX.filter(for: .rescueRequests))
            #expect(ids(driverRescues) == [world.r1, world.r3])
            // Rider A's job ended two days ago, rider B's ten minutes ago.
            let driverRiders = try await db.collection("riderprofiles").find(driverX.filter(for: .riderProfiles))
            #expect(ids(driverRiders) == [world.riderB])
            #expect(try await db.collection("payments").countDocuments(driverX.filter(for: .payments)) == 2)

            // Driver Y holds r2; it declined r5, which it no longer sees.
            let driverY = try await loader.load(
                try await loader.scope(userId: world.driverUserY, role: .driver), for: collections, now: world.now)
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
                try await db.collection("rescuerequests").countDocuments(support.filter(for: .rescueRequests)) == 5)

            // A rider account without a profile sees no rescue.
            let newcomer = try await loader.load(
                try await loader.scope(userId: ObjectID(), role: .rider), for: collections)
            #expect(
                try await db.collection("rescuerequests").countDocuments(newcomer.filter(for: .rescueRequests)) == 0)
        }
    }

    @Test("the live-party lists are read by finds on the assignments' owner indexes, whatever the history")
    func liveListsUseTheOwnerIndex() async throws {
        try await TestDatabase.with { db in
            let world = World()
            try await world.write(to: db)
            let assignments = db.collection("rescueassignments")
            _ = try await assignments.createIndexes(IndexCatalogue.indexes(on: .rescueAssignments).map(\.model))
            for (owner, id) in [("riderId", world.riderA), ("driverId", world.driverX)] {
                let live = try await assignments.explainFind([owner: .objectID(id), "status": ["$in": ["accepted"]]])
                let recent = try await assignments.explainFind([
                    owner: .objectID(id), "status": "completed", "completedAt": ["$gte": .date(world.now)],
                ])
                for plan in [live, recent] {
                    #expect(
                        plan.indexNames.count == 1 && plan.indexNames[0].hasPrefix(owner + "_1_status_1"),
                        "\(plan.winningPlanStages) \(plan.indexNames)")
                }
                #expect(recent.indexNames == [owner + "_1_status_1_completedAt_-1"])
            }
        }
    }
}
