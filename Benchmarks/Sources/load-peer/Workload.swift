import MongoStore
import Resolvers

/// The MongoDB reads the gateway's resolvers make for each load-test query, in
/// the same order, with the same filters, sorts, limits and hints, batched the
/// same way (one `$in` find per loader per level, a level's finds concurrent as
/// the executor's loader dispatch runs them). What is left out is exactly the
/// gateway's own work: HTTP, the API-key check, GraphQL and JSON.
enum Workload: Sendable {
    /// `nearbyDrivers(near:, maxDistanceMeters:, first:)`: one find inside the
    /// circle on the `location` 2dsphere index, then nearest first (`Resolvers/Areas/NearbyDrivers.swift`).
    case nearby(lng: Double, lat: Double, maxDistance: Int, first: Int)
    /// `rescueHistory(riderId:, first:)`: one page of the rider's rescues, newest first
    /// (`ConnectionQuery` over `{riderId: 1, createdAt: -1}`).
    case history(rider: ObjectID, first: Int)
    /// `rescueRequests(first: 50)` with rider, assignment { driver { vehicles } },
    /// payment, ratings and statusHistory: four levels of batched reads.
    case rescues(first: Int)

    /// Runs the reads once; returns how many documents they brought back.
    func run(_ database: MongoDatabase) async throws -> Int {
        switch self {
        case .nearby(let lng, let lat, let maxDistance, let first):
            let filter = NearbyDrivers.filter(lng: lng, lat: lat, maxDistance: maxDistance)
            let found = try await database.collection("driverprofiles").find(
                filter, options: FindOptions(limit: 5000, batchSize: 5000))
            return NearbyDrivers.nearest(found, lng: lng, lat: lat, maxDistance: Double(maxDistance), first: first)
                .count

        case .history(let rider, let first):
            return try await database.collection("rescuerequests").find(
                ["riderId": .objectID(rider)],
                options: FindOptions(
                    sort: ["createdAt": -1, "_id": -1], limit: first + 1, batchSize: first + 1,
                    hint: .name("riderId_1_createdAt_-1"))
            ).prefix(first).count

        case .rescues(let first):
            // Level 1: the page.
            let rescues = Array(
                try await database.collection("rescuerequests").find(
                    [:],
                    options: FindOptions(
                        sort: ["requestedAt": -1, "_id": -1], limit: first + 1, batchSize: first + 1,
                        hint: .name("requestedAt_1"))
                ).prefix(first))
            let rescueIDs = Batch.ids(rescues, "_id")
            // Level 2: rider, assignment, payment, ratings, statusHistory; one find each, concurrently.
            async let riders = Batch.byID(database, "riderprofiles", Batch.ids(rescues, "riderId"))
            async let assignments = Batch.byKey(database, "rescueassignments", "rescueId", rescueIDs)
            async let payments = Batch.byKey(database, "payments", "rescueId", rescueIDs)
            async let ratings = Batch.byKey(
                database, "ratings", "rescueId", rescueIDs, sort: ["createdAt": 1, "_id": 1])
            async let history = Batch.byKey(
                database, "rescuestatushistories", "rescueId", rescueIDs, sort: ["timestamp": 1, "_id": 1])
            let level2 = try await (riders, assignments, payments, ratings, history)
            // Level 3: the assignments' drivers.
            let drivers = try await Batch.byID(database, "driverprofiles", Batch.ids(level2.1, "driverId"))
            // Level 4: the drivers' vehicles.
            let vehicles = try await Batch.byKey(
                database, "vehicles", "driverId", Batch.ids(drivers, "_id"), sort: ["createdAt": 1, "_id": 1])
            return rescues.count + level2.0.count + level2.1.count + level2.2.count + level2.3.count + level2.4.count
                + drivers.count + vehicles.count
        }
    }
}

/// The batched finds of the resolvers' loaders (`Resolvers/Loaders`).
enum Batch {
    /// The distinct ObjectIDs at `field` of `documents`, in first-seen order (a loader dedupes its keys).
    static func ids(_ documents: [BSONDocument], _ field: String) -> [ObjectID] {
        var seen = Set<ObjectID>()
        var ids: [ObjectID] = []
        for document in documents {
            if case .objectID(let id)? = document[field], seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }

    /// `ByIDLoader`: `{_id: {$in: ids}}`.
    static func byID(_ database: MongoDatabase, _ collection: String, _ ids: [ObjectID]) async throws -> [BSONDocument]
    {
        guard !ids.isEmpty else { return [] }
        return try await database.collection(collection).find(
            ["_id": ["$in": .array(ids.map { .objectID($0) })]], options: FindOptions(batchSize: ids.count + 1))
    }

    /// `ByForeignKeyLoader` / `ManyByForeignKeyLoader`: `{field: {$in: keys}}`, sorted when the list has an order.
    static func byKey(
        _ database: MongoDatabase, _ collection: String, _ field: String, _ keys: [ObjectID], sort: BSONDocument? = nil
    ) async throws -> [BSONDocument] {
        guard !keys.isEmpty else { return [] }
        return try await database.collection(collection).find(
            [field: ["$in": .array(keys.map { .objectID($0) })]],
            options: FindOptions(sort: sort, batchSize: sort == nil ? keys.count + 1 : 100_000))
    }
}
