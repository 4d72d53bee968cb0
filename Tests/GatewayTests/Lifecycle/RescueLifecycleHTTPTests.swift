import DataModel
import Enforcement
import Gateway
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

/// One rescue walked through HTTP from `createRescueRequest` to `COMPLETED`
/// with a rider's, a support agent's and a driver's key, then every document
/// the data model says changes, read back from the database.
@Suite("The rescue lifecycle over HTTP", .serialized)
struct RescueLifecycleHTTPTests {
    static let denver = (lng: -104.9903, lat: 39.7392)

    /// The `data` of a response that must have no errors.
    static func data(_ response: JSONValue?, _ field: String) -> JSONValue? {
        #expect(response?["errors"] == nil, "\(String(describing: response))")
        return response?["data", field]
    }

    @Test("a rider asks, support dispatches, the driver accepts, reports and completes: every document follows")
    func fromRequestToCompletion() async throws {
        // The whole walk is under test, not its speed: a minute per operation, so a
        // machine loaded by the rest of the suite cannot turn a slow geo query into a 504.
        var configuration = GatewayConfiguration(port: 0)
        configuration.limits.executionTimeout = .seconds(60)
        try await GatewayFixture.with(configuration: configuration, schema: try SecuritySchema.make()) { fixture in
            _ = try await Migrator().migrate(fixture.database)
            let rider = try await fixture.user(.rider)
            let driver = try await fixture.user(.driver)
            let support = try await fixture.user(.support)
            let riderProfile = ObjectID()
            let driverProfile = ObjectID()
            let now = BSONDate.now()
            try await fixture.database.collection(.riderProfiles).insertOne([
                "_id": .objectID(riderProfile), "userId": .objectID(rider.id), "savedLocations": [],
                "totalRescues": 0, "averageRating": 0.0, "createdAt": .date(now), "updatedAt": .date(now),
            ])
            try await fixture.database.collection(.driverProfiles).insertOne([
                "_id": .objectID(driverProfile), "userId": .objectID(driver.id), "licenseExpiry": .date(now),
                "location": [
                    "type": "Point", "coordinates": [.double(Self.denver.lng), .double(Self.denver.lat + 0.01)],
                ],
                "lastLocationUpdate": .date(now), "isOnline": true, "isAvailable": true, "status": "approved",
                "rating": 0.0, "ratingCount": 0, "completedRescues": 0, "totalEarnings": 0, "createdAt": .date(now),
                "updatedAt": .date(now),
            ])
            let rescueId: String = try await fixture.live { client in
                let created = try await fixture.post(
                    """
                    mutation($key: String) {
                      createRescueRequest(idempotencyKey: $key, input: {
                        pickup: {lng: -104.9903, lat: 39.7392, address: "1600 Glenarm Pl", city: "Denver", state: "CO", zipCode: "80202"}
                        dropoff: {lng: -104.9903, lat: 39.7592, address: "Bike Shop"}
                        type: FLAT_TIRE, description: "Rear tire flat", bikeDetails: {make: "Trek"}
                      }) { id status estimatedPrice }
                    }
                    """, variables: #"{"key":"http-walk-1"}"#, key: rider.key, client: client)
                let rescue = try #require(Self.data(created, "createRescueRequest")?["id"]?.stringValueForTest)
                let assigned = try await fixture.post(
                    "mutation($id: ObjectID!) { assignDriver(rescueId: $id) { id status driverId } }",
                    variables: #"{"id":"\#(rescue)"}"#, key: support.key, client: client)
                #expect(Self.data(assigned, "assignDriver")?["driverId"] == .string(driverProfile.hex))
                let assignment = try #require(Self.data(assigned, "assignDriver")?["id"]?.stringValueForTest)
                let accepted = try await fixture.post(
                    "mutation($id: ObjectID!) { respondToAssignment(assignmentId: $id, accept: true) { status } }",
                    variables: #"{"id":"\#(assignment)"}"#, key: driver.key, client: client)
                #expect(Self.data(accepted, "respondToAssignment")?["status"] == "ACCEPTED")
                for lat in [39.7450, 39.7400] {
                    let located = try await fixture.post(
                        "mutation($lat: Float!) { updateDriverLocation(location: {lng: -104.9903, lat: $lat}) { id } }",
                        variables: #"{"lat":\#(lat)}"#, key: driver.key, client: client)
                    #expect(Self.data(located, "updateDriverLocation")?["id"] == .string(driverProfile.hex))
                }
                for (from, to) in [
                    ("ACCEPTED", "EN_ROUTE"), ("EN_ROUTE", "ARRIVED"), ("ARRIVED", "IN_PROGRESS"),
                    ("IN_PROGRESS", "COMPLETED"),
                ] {
                    let moved = try await fixture.post(
                        "mutation($id: ObjectID!) { transitionRescue(id: $id, from: \(from), to: \(to)) { status } }",
                        variables: #"{"id":"\#(rescue)"}"#, key: driver.key, client: client)
                    #expect(Self.data(moved, "transitionRescue")?["status"] == .string(to))
                }
                // The rider reads the finished rescue with its payment and history.
                let read = try await fixture.post(
                    """
                    query($id: ObjectID!) { rescueRequest(id: $id) {
                      status finalPrice payment { amount platformFee driverPayout status }
                      statusHistory { toStatus } assignment { status }
                    } }
                    """, variables: #"{"id":"\#(rescue)"}"#, key: rider.key, client: client)
                let seen = Self.data(read, "rescueRequest")
                #expect(seen?["status"] == "COMPLETED")
                #expect(seen?["payment", "status"] == "PENDING")
                #expect(seen?["assignment", "status"] == "COMPLETED")
                #expect(seen?["statusHistory"]?.listCount == 7)
                return rescue
            }
            let db = fixture.database
            let id = try #require(ObjectID(rescueId))
            let rescue = try #require(try await db.collection(.rescueRequests).findOne(["_id": .objectID(id)]))
            #expect(rescue["status"] == "completed")
            #expect(rescue["riderId"] == .objectID(riderProfile))
            #expect(rescue["driverId"] == .objectID(driverProfile))
            for field in ["requestedAt", "matchedAt", "acceptedAt", "arrivedAt", "completedAt"] {
                #expect(rescue[field]?.typeName == "date", "\(field)")
            }
            let price = try #require(try rescue["estimatedPrice", as: Int.self])
            #expect(try rescue["finalPrice", as: Int.self] == price)

            let assignment = try #require(
                try await db.collection(.rescueAssignments).findOne(["rescueId": .objectID(id)]))
            #expect(assignment["status"] == "completed")
            #expect(assignment["riderId"] == .objectID(riderProfile))
            for field in ["assignedAt", "acceptedAt", "arrivedAt", "completedAt"] {
                #expect(assignment[field]?.typeName == "date", "\(field)")
            }
            if case .array(let trail)? = assignment["locationHistory"] {
                #expect(trail.count == 2)
            } else {
                Issue.record("no locationHistory")
            }

            let history = try await db.collection(.rescueStatusHistories).find(
                ["rescueId": .objectID(id)], options: FindOptions(sort: ["timestamp": 1, "_id": 1]))
            #expect(
                history.map { $0["toStatus"] }
                    == ["requested", "matched", "accepted", "en_route", "arrived", "in_progress", "completed"])
            try #require(history.count == 7)
            #expect(history.allSatisfy { $0["riderId"] == .objectID(riderProfile) })
            #expect(history.dropFirst().allSatisfy { $0["driverId"] == .objectID(driverProfile) })
            #expect(history.first?["changedBy"] == .objectID(rider.id))
            #expect(history[1]["changedBy"] == .objectID(support.id))
            #expect(history.last?["changedBy"] == .objectID(driver.id))

            let payment = try #require(try await db.collection(.payments).findOne(["rescueId": .objectID(id)]))
            #expect(try payment["amount", as: Int.self] == price)
            let fee = try #require(try payment["platformFee", as: Int.self])
            #expect(fee == (price * 20 + 50) / 100)
            #expect(try payment["driverPayout", as: Int.self] == price - fee)
            #expect(payment["status"] == "pending")
            #expect(try payment["breakdown", as: BSONDocument.self]?["basePrice"] != nil)

            let stats = try #require(
                try await db.collection(.driverStats).findOne(["driverId": .objectID(driverProfile)]))
            #expect(try stats["totalRescues", as: Int.self] == 1)
            #expect(try stats["completedRescues", as: Int.self] == 1)
            #expect(try stats["totalEarnings", as: Int.self] == price - fee)
            #expect(try stats["completionRate", as: Double.self] == 1)

            let profile = try #require(
                try await db.collection(.driverProfiles).findOne(["_id": .objectID(driverProfile)]))
            #expect(try profile["completedRescues", as: Int.self] == 1)
            #expect(try profile["totalEarnings", as: Int.self] == price - fee)
            #expect(try profile["isAvailable", as: Bool.self] == true)
            let riderAfter = try await db.collection(.riderProfiles).findOne(["_id": .objectID(riderProfile)])
            #expect(try riderAfter?["totalRescues", as: Int.self] == 1)

            let notices = try await db.collection(.notifications).find(
                ["userId": .objectID(rider.id)], options: FindOptions(sort: ["createdAt": 1, "_id": 1]))
            #expect(
                notices.compactMap { try? $0["data", as: BSONDocument.self]?["status", as: String.self] }
                    == ["matched", "accepted", "arrived", "completed"])

            let audit = try await db.collection(.auditLogs).find(
                ["action": ["$ne": "pii.read"]], options: FindOptions(sort: ["createdAt": 1, "_id": 1]))
            let actions = audit.compactMap { try? $0["action", as: String.self] }
            #expect(
                actions == [
                    "rescue.create", "assignment.assign", "assignment.accept", "driver.updateLocation",
                    "driver.updateLocation", "rescue.move", "rescue.move", "rescue.move", "rescue.move",
                ])
            try #require(audit.count == 9)
            let actors = audit.map { $0["userId"] }
            #expect(audit.first?["userId"] == .objectID(rider.id))
            #expect(actors[1] == .objectID(support.id))
            #expect(actors.dropFirst(2).allSatisfy { $0 == .objectID(driver.id) })
            #expect(
                audit.allSatisfy { entry in
                    guard case .document(let changes)? = entry["changes"] else { return false }
                    return changes["apiKeyId"]?.typeName == "objectId"
                })
            // Names only: the address and the positions are nowhere in the log.
            #expect(audit.allSatisfy { !$0.relaxedExtendedJSON.contains("Glenarm") })
            #expect(audit.allSatisfy { !$0.relaxedExtendedJSON.contains("39.745") })
        }
    }
}

extension JSONValue {
    var stringValueForTest: String? { if case .string(let text) = self { text } else { nil } }
    var listCount: Int? { if case .list(let items) = self { items.count } else { nil } }
}
