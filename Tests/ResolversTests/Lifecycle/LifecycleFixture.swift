import DataModel
import Enforcement
import GraphQLEngine
import MongoStore
import Security
import Testing

@testable import Resolvers

/// People the lifecycle tests add to a seeded database: drivers placed where
/// the test wants them (far from the seeded city when it must not meet the
/// seeded drivers), riders of their own, and the mutations' texts.
enum LifecycleFixture {
    /// Denver: more than 50 km from every seeded (San Francisco) driver.
    static let denver = (lng: -104.9903, lat: 39.7392)

    /// A new driver user and profile (approved, online, available unless
    /// told) at `point`; its principal as a key of its would build it.
    static func driver(
        at point: (lng: Double, lat: Double), in fixture: Fixture, online: Bool = true, status: String = "approved"
    ) async throws -> (user: ObjectID, profile: ObjectID, principal: Principal) {
        let user = ObjectID()
        let profile = ObjectID()
        let now = BSONDate.now()
        try await fixture.collection(.users).insertOne([
            "_id": .objectID(user), "role": "driver", "phoneVerified": true, "createdAt": .date(now),
            "updatedAt": .date(now),
        ])
        try await fixture.collection(.driverProfiles).insertOne([
            "_id": .objectID(profile), "userId": .objectID(user), "licenseExpiry": .date(now),
            "location": ["type": "Point", "coordinates": [.double(point.lng), .double(point.lat)]],
            "lastLocationUpdate": .date(now), "isOnline": .bool(online), "isAvailable": .bool(online),
            "status": .string(status), "rating": 0.0, "ratingCount": 0, "completedRescues": 0, "totalEarnings": 0,
            "createdAt": .date(now), "updatedAt": .date(now),
        ])
        return (user, profile, try await Callers.principal(user: user, in: fixture.database))
    }

    /// A new rider user and profile; its principal.
    static func rider(in fixture: Fixture) async throws -> (user: ObjectID, profile: ObjectID, principal: Principal) {
        let user = ObjectID()
        let profile = ObjectID()
        let now = BSONDate.now()
        try await fixture.collection(.users).insertOne([
            "_id": .objectID(user), "role": "rider", "phoneVerified": true, "createdAt": .date(now),
            "updatedAt": .date(now),
        ])
        try await fixture.collection(.riderProfiles).insertOne([
            "_id": .objectID(profile), "userId": .objectID(user), "savedLocations": [],
            "preferences": ["notifications": ["sms": true, "push": true, "email": false], "language": "en"],
            "totalRescues": 0, "averageRating": 0.0, "createdAt": .date(now), "updatedAt": .date(now),
        ])
        return (user, profile, try await Callers.principal(user: user, in: fixture.database))
    }

    static func admin(in fixture: Fixture) async throws -> Principal {
        try await Callers.principal(
            user: try await Callers.firstUser(.admin, in: fixture.database), in: fixture.database)
    }

    static let create = """
        mutation($input: CreateRescueRequestInput!, $key: String) {
          createRescueRequest(input: $input, idempotencyKey: $key) {
            id status riderId estimatedPrice estimatedDuration distance requestedAt
            statusHistory { fromStatus toStatus }
          }
        }
        """

    /// A rescue request's input at `point`, with a drop-off about 1.4 miles north.
    static func input(at point: (lng: Double, lat: Double), riderId: ObjectID? = nil) -> JSONValue {
        var entries: [(key: String, value: JSONValue)] = [
            (
                "pickup",
                .object([
                    ("lng", .double(point.lng)), ("lat", .double(point.lat)), ("address", "1200 Test St"),
                    ("city", "Denver"), ("state", "CO"), ("zipCode", "80202"),
                ])
            ),
            (
                "dropoff",
                .object([("lng", .double(point.lng)), ("lat", .double(point.lat + 0.02)), ("address", "Bike Shop")])
            ),
            ("type", "FLAT_TIRE"), ("description", "Rear tire is flat"),
            ("bikeDetails", .object([("make", "Trek"), ("type", "e-bike")])),
        ]
        if let riderId { entries.append(("riderId", .string(riderId.hex))) }
        return .object(entries)
    }

    static let assign = """
        mutation($rescue: ObjectID!, $driver: ObjectID) {
          assignDriver(rescueId: $rescue, driverId: $driver) { id status driverId rescueId assignedAt }
        }
        """

    static let respond = """
        mutation($id: ObjectID!, $accept: Boolean!, $reason: String) {
          respondToAssignment(assignmentId: $id, accept: $accept, reason: $reason) { id status acceptedAt rejectedAt }
        }
        """

    static let move = """
        mutation($id: ObjectID!, $from: RescueStatus!, $to: RescueStatus!, $reason: String) {
          transitionRescue(id: $id, from: $from, to: $to, reason: $reason) { id status finalPrice }
        }
        """

    /// Creates a rescue at `point` as `rider`; its id.
    static func requested(
        at point: (lng: Double, lat: Double), by rider: Principal, in fixture: Fixture
    ) async throws -> ObjectID {
        let created = await fixture.run(create, ["input": input(at: point)], principal: rider)
        #expect(created.errors.map(\.message) == [])
        return try #require(ObjectID(created.data?["createRescueRequest", "id"]?.stringValue ?? ""))
    }

    /// Assigns `driver` to `rescue` as an admin; the assignment's id.
    static func assigned(_ rescue: ObjectID, to driver: ObjectID, in fixture: Fixture) async throws -> ObjectID {
        let admin = try await admin(in: fixture)
        let assigned = await fixture.run(
            assign, ["rescue": .string(rescue.hex), "driver": .string(driver.hex)], principal: admin)
        #expect(assigned.errors.map(\.message) == [])
        return try #require(ObjectID(assigned.data?["assignDriver", "id"]?.stringValue ?? ""))
    }
}

extension GraphQLError {
    /// `extensions.argument`, when the error names one.
    var argument: String? {
        for entry in extensions where entry.key == "argument" {
            if case .string(let argument) = entry.value { return argument }
        }
        return nil
    }
}
