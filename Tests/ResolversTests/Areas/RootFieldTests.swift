import DataModel
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

extension SeededSuites {
    /// Every root field, relation and stored value against a seeded database.
    @Suite struct RootFieldTests {
        @Test func everyRootFieldResolvesFromASeededDatabase() async throws {
            try await SeededDatabase.with { fixture in
                func first(_ collection: Collections, _ filter: BSONDocument = [:]) async throws -> String {
                    let document = try #require(try await fixture.collection(collection).findOne(filter))
                    guard case .objectID(let id)? = document["_id"] else { throw CancellationError() }
                    return id.hex
                }
                let user = try await first(.users)
                let rider = try await first(.riderProfiles)
                let driverDoc = try #require(
                    try await fixture.collection(.driverProfiles).findOne(["status": "approved"]))
                guard case .objectID(let driverID)? = driverDoc["_id"],
                    case .document(let location)? = driverDoc["location"],
                    case .array(let coordinates)? = location["coordinates"], case .double(let lng) = coordinates[0],
                    case .double(let lat) = coordinates[1]
                else { throw CancellationError() }
                let driver = driverID.hex
                let lookups: [(String, Collections)] = [
                    ("user", .users), ("riderProfile", .riderProfiles), ("driverProfile", .driverProfiles),
                    ("vehicle", .vehicles),
                    ("rescueRequest", .rescueRequests), ("rescueAssignment", .rescueAssignments),
                    ("payment", .payments),
                    ("payout", .payouts), ("rating", .ratings), ("paymentMethod", .paymentMethods),
                    ("apiKey", .apiKeys),
                    ("notification", .notifications), ("auditLog", .auditLogs), ("driverStats", .driverStats),
                    ("driverAvailabilityLog", .driverAvailabilityLogs), ("rescueStatusHistory", .rescueStatusHistories),
                    ("twilioEventLog", .twilioEventLogs),
                ]
                for (field, collection) in lookups {
                    let id = try await first(collection)
                    let response = await fixture.run("{ \(field)(id: \"\(id)\") { id } }")
                    #expect(response.errors.map(\.message) == [], "\(field)")
                    #expect(response.data?[field, "id"]?.stringValue == id, "\(field)")
                }
                let lists = [
                    "me { id }",  // null for the trusted principal; a user's own below
                    "nearbyDrivers(near: {lng: \(lng), lat: \(lat)}, maxDistanceMeters: 50000) { distanceMeters driver { id } }",
                    "rescueHistory(riderId: \"\(rider)\") { totalCount edges { node { id } } }",
                    "activeRescue(driverId: \"\(driver)\") { id status }",
                    "users(role: RIDER) { totalCount edges { cursor node { id role } } }",
                    "driverProfiles(status: APPROVED) { edges { node { id status } } }",
                    "rescueRequests(status: [COMPLETED]) { totalCount edges { node { id status } } }",
                    "payments(riderId: \"\(rider)\") { edges { node { id amount } } }",
                    "payouts(driverId: \"\(driver)\") { edges { node { id amount rescues { id } } } }",
                    "ratings(userId: \"\(user)\", direction: GIVEN) { edges { node { id } } }",
                    "notifications(userId: \"\(user)\") { edges { node { id type data } } }",
                    "auditLogs { edges { node { id action changes } } }",
                    "twilioEventLogs { edges { node { id type status rawEvent } } }",
                    "exportUserData(userId: \"\(user)\")",
                    "userByPhone(phoneNumber: \"+14155550100\") { id }",
                    "riderByEmail(email: \"nobody@example.com\") { id }",
                    "vehicleByPlate(plateNumber: \"NOPE 1\") { id }",
                ]
                // Every root field of the schema is exercised above or here.
                let exercised = Set(lookups.map(\.0) + lists.map { String($0.prefix { $0.isLetter }) })
                let queryType = try #require(fixture.service.schema.schema.queryType)
                #expect(Set(queryType.fields.map(\.name)) == exercised)
                for selection in lists {
                    let response = await fixture.run("{ \(selection) }")
                    #expect(response.errors.map(\.message) == [], "\(selection)")
                    #expect(response.data != nil, "\(selection)")
                }
                let me = await fixture.run(
                    "{ me { id } }",
                    principal: try await Callers.principal(user: try #require(ObjectID(user)), in: fixture.database))
                #expect(me.data?["me", "id"] == .string(user))
                let near = await fixture.run(
                    "{ nearbyDrivers(near: {lng: \(lng), lat: \(lat)}, maxDistanceMeters: 50000) { distanceMeters } }")
                let distances = (near.data?["nearbyDrivers"]?.listValue ?? []).compactMap { item -> Double? in
                    if case .double(let value)? = item["distanceMeters"] { return value }
                    return nil
                }
                #expect(distances == distances.sorted(), "nearest first")
                #expect(distances.allSatisfy { $0 <= 50000 })
                // The same drivers, in the same order, as the server's own $geoNear.
                let served = (near.data?["nearbyDrivers"]?.listValue ?? []).count
                let byServer = try await fixture.collection(.driverProfiles).aggregate([
                    [
                        "$geoNear": [
                            "near": ["type": "Point", "coordinates": [.double(lng), .double(lat)]],
                            "distanceField": "d",
                            "maxDistance": 50000.0, "spherical": true, "key": "location",
                            "query": ["isOnline": true, "isAvailable": true, "status": "approved"],
                        ]
                    ],
                    ["$limit": 20],
                ])
                let ids = await fixture.run(
                    "{ nearbyDrivers(near: {lng: \(lng), lat: \(lat)}, maxDistanceMeters: 50000) { driver { id } } }")
                #expect(
                    (ids.data?["nearbyDrivers"]?.listValue ?? []).compactMap { $0["driver", "id"]?.stringValue }
                        == byServer.compactMap { $0["_id"].map(BSONConversion.json)?.stringValue })
                #expect(served == byServer.count)
                #expect(served > 0, "the demo data has free drivers near an approved driver")
            }
        }

        @Test func relationshipsMatchADirectRead() async throws {
            try await SeededDatabase.with { fixture in
                let response = await fixture.run(RescueQuery.text, ["first": .int(30)])
                #expect(response.errors.map(\.message) == [])
                let edges = try #require(response.data?["rescueRequests", "edges"]?.listValue)
                #expect(edges.count == 30)
                for edge in edges {
                    let id = try #require(edge["node", "id"]?.stringValue.flatMap(ObjectID.init))
                    let rescue = try #require(
                        try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(id)]))
                    #expect(
                        edge["node", "rider", "id"]?.stringValue
                            == rescue["riderId"].map(BSONConversion.json)?.stringValue)
                    #expect(
                        edge["node", "status"]?.stringValue
                            == rescue["status"].map(BSONConversion.json)?.stringValue?.uppercased())
                    let assignment = try await fixture.collection(.rescueAssignments).findOne([
                        "rescueId": .objectID(id)
                    ])
                    #expect(
                        edge["node", "assignment", "id"]?.stringValue
                            == assignment?["_id"].map(BSONConversion.json)?.stringValue)
                    if let assignment, case .objectID(let driver)? = assignment["driverId"] {
                        #expect(edge["node", "assignment", "driver", "id"]?.stringValue == driver.hex)
                        let vehicles = try await fixture.collection(.vehicles).find(["driverId": .objectID(driver)])
                        #expect(edge["node", "assignment", "driver", "vehicles"]?.listValue?.count == vehicles.count)
                    }
                    let payment = try await fixture.collection(.payments).findOne(["rescueId": .objectID(id)])
                    #expect(
                        edge["node", "payment", "id"]?.stringValue
                            == payment?["_id"].map(BSONConversion.json)?.stringValue)
                    // Lists: the same documents in the same order as a direct sorted find.
                    let ratings = try await fixture.collection(.ratings).find(
                        ["rescueId": .objectID(id)], options: FindOptions(sort: ["createdAt": 1, "_id": 1]))
                    #expect(
                        edge["node", "ratings"]?.listValue?.compactMap { $0["id"]?.stringValue }
                            == ratings.compactMap { $0["_id"].map(BSONConversion.json)?.stringValue })
                    let history = try await fixture.collection(.rescueStatusHistories).find(
                        ["rescueId": .objectID(id)], options: FindOptions(sort: ["timestamp": 1, "_id": 1]))
                    #expect(
                        edge["node", "statusHistory"]?.listValue?.compactMap { $0["timestamp"]?.stringValue }
                            == history.compactMap { $0["timestamp"].map(BSONConversion.json)?.stringValue })
                }
            }
        }

        @Test func lookupsAnswerNullForUnknownIdsAndRefuseMalformedOnes() async throws {
            try await SeededDatabase.with { fixture in
                let unknown = await fixture.run("{ rescueRequest(id: \"000000000000000000000000\") { id } }")
                #expect(unknown.errors.isEmpty)
                #expect(unknown.data?["rescueRequest"] == .null)
                let malformed = await fixture.run("{ rescueRequest(id: \"not-an-id\") { id } }")
                #expect(
                    malformed.errors.first?.extensions.first { $0.key == "code" }?.value == .string("BAD_USER_INPUT"))
            }
        }

        @Test func storedValuesAreServedInTheSchemasForms() async throws {
            try await SeededDatabase.with { fixture in
                let stored = try #require(try await fixture.collection(.rescueRequests).findOne())
                guard case .objectID(let id)? = stored["_id"], case .string(let type)? = stored["type"],
                    case .date(let requested)? = stored["requestedAt"],
                    case .document(let pickup)? = stored["pickupLocation"],
                    case .array(let coordinates)? = pickup["coordinates"]
                else { throw CancellationError() }
                let response = await fixture.run(
                    "{ rescueRequest(id: \"\(id.hex)\") { id type requestedAt pickupLocation { lng lat } } }")
                #expect(response.errors.map(\.message) == [])
                #expect(response.data?["rescueRequest", "id"] == .string(id.hex))
                #expect(response.data?["rescueRequest", "type"] == .string(type.uppercased()))
                #expect(response.data?["rescueRequest", "requestedAt"] == .string(ISO8601.format(requested)))
                #expect(response.data?["rescueRequest", "pickupLocation", "lng"] == BSONConversion.json(coordinates[0]))
                #expect(response.data?["rescueRequest", "pickupLocation", "lat"] == BSONConversion.json(coordinates[1]))
            }
        }
    }
}
