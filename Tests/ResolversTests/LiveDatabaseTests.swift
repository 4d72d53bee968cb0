import GraphQLEngine
import MongoStore
import Security
@testable import Resolvers
import SupportCarrData
import Testing

/// Everything that reads the live database, one test at a time: the
/// round-trip proof reads the server's global opcounters, which other tests'
/// commands would disturb.
@Suite(.serialized) struct LiveDatabaseTests {
    static let rescueQuery = """
        query Rescues($first: Int) {
          rescueRequests(first: $first) {
            edges { cursor node {
              id status type requestedAt
              pickupLocation { lng lat address }
              rider { id userId rating }
              assignment { id status driver { id status vehicles { id type isActive } } }
              payment { id amount status breakdown { baseFare } }
              ratings { id rating type }
              statusHistory { fromStatus toStatus timestamp }
            } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """

    @Test func everyRootFieldResolvesFromASeededDatabase() async throws {
        try await SeededDatabase.with { fixture in
            func first(_ collection: Collections, _ filter: BSONDocument = [:]) async throws -> String {
                let document = try #require(try await fixture.collection(collection).findOne(filter))
                guard case .objectID(let id)? = document["_id"] else { throw CancellationError() }
                return id.hex
            }
            let user = try await first(.users)
            let rider = try await first(.riderProfiles)
            let driverDoc = try #require(try await fixture.collection(.driverProfiles).findOne(["status": "approved"]))
            guard case .objectID(let driverID)? = driverDoc["_id"], case .document(let location)? = driverDoc["location"],
                case .array(let coordinates)? = location["coordinates"], case .double(let lng) = coordinates[0],
                case .double(let lat) = coordinates[1]
            else { throw CancellationError() }
            let driver = driverID.hex
            let lookups: [(String, Collections)] = [
                ("user", .users), ("riderProfile", .riderProfiles), ("driverProfile", .driverProfiles), ("vehicle", .vehicles),
                ("rescueRequest", .rescueRequests), ("rescueAssignment", .rescueAssignments), ("payment", .payments),
                ("payout", .payouts), ("rating", .ratings), ("paymentMethod", .paymentMethods), ("apiKey", .apiKeys),
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
                "{ me { id } }", principal: try await Callers.principal(user: try #require(ObjectID(user)), in: fixture.database))
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
                        "near": ["type": "Point", "coordinates": [.double(lng), .double(lat)]], "distanceField": "d",
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
            #expect(served > 0, "the seed has free drivers near an approved driver")
        }
    }

    @Test func relationshipsMatchADirectRead() async throws {
        try await SeededDatabase.with { fixture in
            let response = await fixture.run(Self.rescueQuery, ["first": .int(30)])
            #expect(response.errors.map(\.message) == [])
            let edges = try #require(response.data?["rescueRequests", "edges"]?.listValue)
            #expect(edges.count == 30)
            for edge in edges {
                let id = try #require(edge["node", "id"]?.stringValue.flatMap(ObjectID.init))
                let rescue = try #require(try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(id)]))
                #expect(edge["node", "rider", "id"]?.stringValue == rescue["riderId"].map(BSONConversion.json)?.stringValue)
                #expect(edge["node", "status"]?.stringValue == rescue["status"].map(BSONConversion.json)?.stringValue?.uppercased())
                let assignment = try await fixture.collection(.rescueAssignments).findOne(["rescueId": .objectID(id)])
                #expect(edge["node", "assignment", "id"]?.stringValue == assignment?["_id"].map(BSONConversion.json)?.stringValue)
                if let assignment, case .objectID(let driver)? = assignment["driverId"] {
                    #expect(edge["node", "assignment", "driver", "id"]?.stringValue == driver.hex)
                    let vehicles = try await fixture.collection(.vehicles).find(["driverId": .objectID(driver)])
                    #expect(edge["node", "assignment", "driver", "vehicles"]?.listValue?.count == vehicles.count)
                }
                let payment = try await fixture.collection(.payments).findOne(["rescueId": .objectID(id)])
                #expect(edge["node", "payment", "id"]?.stringValue == payment?["_id"].map(BSONConversion.json)?.stringValue)
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

    @Test func pagesFollowEachOtherThroughCursorsAndFirstIsCapped() async throws {
        try await SeededDatabase.with { fixture in
            let query = "query($after: String, $first: Int) { rescueRequests(first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }"
            var seen: [String] = []
            var totals: [JSONValue?] = []
            var after: JSONValue = .null
            var pages = 0
            while pages < 20 {
                let response = await fixture.run(query, ["first": .int(45), "after": after])
                #expect(response.errors.map(\.message) == [])
                totals.append(response.data?["rescueRequests", "totalCount"])
                seen += (response.data?["rescueRequests", "edges"]?.listValue ?? []).compactMap { $0["node", "id"]?.stringValue }
                pages += 1
                guard response.data?["rescueRequests", "pageInfo", "hasNextPage"] == .bool(true) else { break }
                after = response.data?["rescueRequests", "pageInfo", "endCursor"] ?? .null
            }
            let total = try await fixture.collection(.rescueRequests).countDocuments()
            #expect(seen.count == total)
            #expect(Set(seen).count == total)
            // The count (read with each page) is the whole list's, whatever the cursor.
            #expect(totals.count == pages)
            #expect(totals.allSatisfy { $0 == .int(total) })
            let tooMany = await fixture.run(query, ["first": .int(101)])
            #expect(tooMany.errors.first?.extensions.first { $0.key == "code" }?.value == .string("BAD_USER_INPUT"))
            let badCursor = await fixture.run(query, ["after": .string("bm90IGEgY3Vyc29y")])
            #expect(badCursor.errors.first?.extensions.first { $0.key == "code" }?.value == .string("BAD_USER_INPUT"))
        }
    }

    @Test func theCriticalQueriesUseAnIndex() async throws {
        try await SeededDatabase.with { fixture in
            let rescue = try #require(try await fixture.collection(.rescueRequests).findOne())
            guard case .objectID(let rider)? = rescue["riderId"] else { throw CancellationError() }
            let history = RescueResolvers.history(ofRider: rider)
            let historyPlan = try await fixture.collection(.rescueRequests).explainFind(
                history.filter,
                options: FindOptions(sort: ["createdAt": -1, "_id": -1], limit: 21, hint: history.hint.map { .name($0) }))
            #expect(historyPlan.usesIndex, "rider history: \(historyPlan.winningPlanStages)")

            let assignment = try #require(try await fixture.collection(.rescueAssignments).findOne())
            guard case .objectID(let driver)? = assignment["driverId"] else { throw CancellationError() }
            let (activeFilter, activeOptions) = RescueResolvers.activeAssignmentQuery(ofDriver: driver)
            let activePlan = try await fixture.collection(.rescueAssignments).explainFind(activeFilter, options: activeOptions)
            #expect(activePlan.usesIndex, "active rescue: \(activePlan.winningPlanStages)")

            let paymentsHint = IndexNames.named(.payments, "riderId", "createdAt")
            #expect(paymentsHint != nil)
            let paymentsPlan = try await fixture.collection(.payments).explainFind(
                ["riderId": .objectID(rider)],
                options: FindOptions(sort: ["createdAt": -1, "_id": -1], limit: 21, hint: paymentsHint.map { .name($0) }))
            #expect(paymentsPlan.usesIndex, "payments by rider: \(paymentsPlan.winningPlanStages)")

            // A level's loader reads, sent as one aggregate: each read's own pipeline
            // (what its `$unionWith` runs) uses an index, and so does the outer one.
            let rescueID = try #require(rescue["_id"].flatMap { if case .objectID(let id) = $0 { id } else { nil } })
            let reads: [MongoRead] = [
                ByIDLoader(fixture.database, .riderProfiles).read(for: [rider]),
                ByForeignKeyLoader(fixture.database, .rescueAssignments, field: "rescueId").read(for: [rescueID]),
                ByForeignKeyLoader(fixture.database, .payments, field: "rescueId").read(for: [rescueID]),
                ManyByForeignKeyLoader(fixture.database, .ratings, field: "rescueId", sort: ["createdAt": 1, "_id": 1])
                    .read(for: [rescueID]),
                ManyByForeignKeyLoader(
                    fixture.database, .rescueStatusHistories, field: "rescueId", sort: ["timestamp": 1, "_id": 1]
                ).read(for: [rescueID]),
            ]
            for read in reads {
                let plan = try await fixture.collection(read.collection).explainAggregate(read.stages)
                #expect(plan.usesIndex, "\(read.collection.name) by \(read.filter): \(plan.winningPlanStages)")
            }
            let shared = try await fixture.collection(.riderProfiles).explainAggregate(MongoReadChannel.pipeline(reads))
            #expect(shared.usesIndex, "shared read: \(shared.winningPlanStages)")

            // A page read with its totalCount (one aggregate): the page on its hinted
            // index, the count's $unionWith on the same filter.
            let statusFilter: BSONDocument = ["status": ["$in": ["completed"]]]
            let statusHint = try #require(IndexNames.named(.rescueRequests, "status", "requestedAt"))
            let counted = PageWithCount.pipeline(
                pageFilter: statusFilter, sort: ["requestedAt": -1, "_id": -1], limit: 51, countFilter: statusFilter,
                collection: .rescueRequests)
            let countedPlan = try await fixture.database.runCommand([
                "explain": [
                    "aggregate": .string(Collections.rescueRequests.name), "pipeline": .array(counted.map { .document($0) }),
                    "cursor": [:], "hint": .string(statusHint),
                ],
                "verbosity": "queryPlanner",
            ])
            let countedText = String(describing: countedPlan)
            #expect(countedText.contains("IXSCAN") && !countedText.contains("COLLSCAN"), "page with count: \(countedText)")

            let nearPlan = try await fixture.collection(.driverProfiles).explainFind(
                NearbyDrivers.filter(lng: -122.4, lat: 37.77, maxDistance: 5000))
            #expect(nearPlan.usesIndex, "nearby drivers: \(nearPlan.winningPlanStages)")
        }
    }

    /// Database commands the server counted between two `serverStatus` calls
    /// (query + command + getmore opcounters), less what two back-to-back
    /// `serverStatus` calls count by themselves.
    static func serverCommands(_ database: MongoDatabase, during work: () async throws -> Void) async throws -> Int {
        let admin = database
        func counters() async throws -> Int {
            let status = try await admin.runCommand(["serverStatus": 1])
            guard case .document(let counters)? = status["opcounters"] else { return -1 }
            return ["query", "command", "getmore"].reduce(0) { sum, key in
                switch counters[key] {
                case .int32(let n)?: return sum + Int(n)
                case .int64(let n)?: return sum + Int(n)
                case .double(let n)?: return sum + Int(n)
                default: return sum
                }
            }
        }
        let idleStart = try await counters()
        let idleEnd = try await counters()
        let overhead = idleEnd - idleStart
        let start = try await counters()
        try await work()
        let end = try await counters()
        return end - start - overhead
    }

    @Test func fiftyAndOneHundredRescuesCostTheSameFewRoundTrips() async throws {
        try await SeededDatabase.with { fixture in
            func measure(_ first: Int) async throws -> Int {
                var counts: [Int] = []
                // The smallest of five runs: the driver's background heartbeats (and
                // other suites' commands: the counters are the server's) may land in a
                // window; the request's own commands are in every one.
                for _ in 0..<5 {
                    counts.append(
                        try await Self.serverCommands(fixture.database) {
                            let response = await fixture.run(Self.rescueQuery, ["first": .int(first)])
                            #expect(response.errors.map(\.message) == [])
                            #expect(response.data?["rescueRequests", "edges"]?.listValue?.count == first)
                        })
                }
                return counts.min() ?? -1
            }
            // Warm up: connections and their handshakes are made outside the measured window.
            _ = await fixture.run(Self.rescueQuery, ["first": .int(100)])
            let fifty = try await measure(50)
            let hundred = try await measure(100)
            // Levels that read: the page; the rescue's rider, assignment, payment, ratings
            // and statusHistory (five loaders, one shared command); assignment.driver;
            // driver.vehicles. One command per level.
            let levels = 4
            print("round trips: 50 rescues -> \(fifty), 100 rescues -> \(hundred) (levels that read: \(levels))")
            #expect(fifty == hundred)
            #expect(fifty <= levels + 1)
            #expect(fifty == levels)
            // Our own counters agree: seven loader batches in three round trips after the page.
            let response = await fixture.run(Self.rescueQuery, ["first": .int(50)])
            #expect(response.loaderBatches == 7)
            #expect(response.loaderRoundTrips == 3)
            // Selecting totalCount adds no command: the count travels with the page.
            let counted = Self.rescueQuery.replacingOccurrences(of: "pageInfo {", with: "totalCount pageInfo {")
            _ = await fixture.run(counted, ["first": .int(100)])
            func measureCounted(_ first: Int) async throws -> Int {
                var counts: [Int] = []
                for _ in 0..<5 {
                    counts.append(
                        try await Self.serverCommands(fixture.database) {
                            let response = await fixture.run(counted, ["first": .int(first)])
                            #expect(response.errors.map(\.message) == [])
                            #expect(response.data?["rescueRequests", "totalCount"] == .int(SeededDatabase.options.rescues))
                        })
                }
                return counts.min() ?? -1
            }
            let countedFifty = try await measureCounted(50)
            let countedHundred = try await measureCounted(100)
            print("round trips with totalCount: 50 rescues -> \(countedFifty), 100 rescues -> \(countedHundred)")
            #expect(countedFifty == countedHundred)
            #expect(countedHundred <= levels + 1)
            #expect(countedHundred == levels)
        }
    }

    @Test func lookupsAnswerNullForUnknownIdsAndRefuseMalformedOnes() async throws {
        try await SeededDatabase.with { fixture in
            let unknown = await fixture.run("{ rescueRequest(id: \"000000000000000000000000\") { id } }")
            #expect(unknown.errors.isEmpty)
            #expect(unknown.data?["rescueRequest"] == .null)
            let malformed = await fixture.run("{ rescueRequest(id: \"not-an-id\") { id } }")
            #expect(malformed.errors.first?.extensions.first { $0.key == "code" }?.value == .string("BAD_USER_INPUT"))
        }
    }

    @Test func storedValuesAreServedInTheSchemasForms() async throws {
        try await SeededDatabase.with { fixture in
            let stored = try #require(try await fixture.collection(.rescueRequests).findOne())
            guard case .objectID(let id)? = stored["_id"], case .string(let type)? = stored["type"],
                case .date(let requested)? = stored["requestedAt"], case .document(let pickup)? = stored["pickupLocation"],
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

    @Test func encryptedFieldsAreServedDecryptedUnderTheirBinding() async throws {
        try await SeededDatabase.with { fixture in
            let stored = try #require(try await fixture.collection(.riderProfiles).findOne())
            guard case .objectID(let id)? = stored["_id"], case .string(let ciphertext)? = stored["name"] else {
                throw CancellationError()
            }
            let plaintext = try FieldCipher(keyRing: .development).decrypt(
                ciphertext, for: FieldBinding(collection: "riderprofiles", field: "name", documentId: id.hex))
            let response = await fixture.run("{ riderProfile(id: \"\(id.hex)\") { name } }")
            #expect(response.errors.map(\.message) == [])
            #expect(response.data?["riderProfile", "name"] == .string(plaintext))
            #expect(plaintext != ciphertext)
        }
    }
}

/// A stand-in for the security layer: denies one field through the seam.
struct DenyField: FieldMiddleware {
    let type: String
    let field: String
    func applies(to field: GraphQLField, of type: ObjectType) -> Bool { type.name == self.type && field.name == self.field }
    func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
        throw GraphQLError(message: "Forbidden", extensions: [("code", .string(GraphQLError.Code.forbidden))])
    }
}

extension LiveDatabaseTests {
    @Test func aSecurityMiddlewareCanDenyAFieldWithoutTouchingItsResolver() async throws {
        try await SeededDatabase.with { fixture in
            let schema = try SupportCarrSchema.make(
                sdl: SeededDatabase.schemaText, security: .development,
                middleware: [DenyField(type: "RescueRequest", field: "rider")])
            let guarded = Fixture(database: fixture.database, service: GraphQLService(schema: schema, cache: nil))
            let response = await guarded.run("{ rescueRequests(first: 2) { edges { node { id rider { id } } } } }")
            #expect(response.errors.count == 2)
            #expect(response.errors.allSatisfy { $0.extensions.first { $0.key == "code" }?.value == .string("FORBIDDEN") })
            #expect(response.data?["rescueRequests", "edges", 0, "node", "rider"] == .null)
            #expect(response.data?["rescueRequests", "edges", 0, "node", "id"]?.stringValue != nil)
        }
    }
}

extension LiveDatabaseTests {
    @Test func aDriversActiveAssignmentIsTheSameThroughTheListAndTheRootField() async throws {
        try await SeededDatabase.with { fixture in
            let response = await fixture.run("{ driverProfiles(first: 100) { edges { node { id activeAssignment { id } } } } }")
            #expect(response.errors.map(\.message) == [])
            let edges = response.data?["driverProfiles", "edges"]?.listValue ?? []
            #expect(edges.count == SeededDatabase.options.drivers)
            var active = 0
            for edge in edges {
                let driver = try #require(edge["node", "id"]?.stringValue)
                let root = await fixture.run("{ activeRescue(driverId: \"\(driver)\") { id } }")
                #expect(root.data?["activeRescue", "id"] == edge["node", "activeAssignment", "id"])
                if edge["node", "activeAssignment", "id"]?.stringValue != nil { active += 1 }
            }
            print("drivers with an active assignment: \(active) of \(edges.count)")
        }
    }
}

extension LiveDatabaseTests {
    @Test func markingANotificationReadSetsReadOnceAndReturnsIt() async throws {
        try await SeededDatabase.with { fixture in
            let unread = try #require(try await fixture.collection(.notifications).findOne(["read": false]))
            guard case .objectID(let id)? = unread["_id"] else { throw CancellationError() }
            let mutation = "mutation { markNotificationRead(id: \"\(id.hex)\") { id read readAt } }"
            let first = await fixture.run(mutation)
            #expect(first.errors.map(\.message) == [])
            #expect(first.data?["markNotificationRead", "read"] == .bool(true))
            let readAt = try #require(first.data?["markNotificationRead", "readAt"]?.stringValue)
            let again = await fixture.run(mutation)
            #expect(again.data?["markNotificationRead", "readAt"]?.stringValue == readAt)
            let stored = try await fixture.collection(.notifications).findOne(["_id": .objectID(id)])
            #expect(stored?["read"] == .bool(true))
        }
    }
}

extension LiveDatabaseTests {
    @Test func aRescueMovesOneStepOnlyFromTheStatusTheCallerSaw() async throws {
        try await SeededDatabase.with { fixture in
            let requested = try #require(try await fixture.collection(.rescueRequests).findOne(["status": "requested"]))
            guard case .objectID(let id)? = requested["_id"] else { throw CancellationError() }
            let user = try await Callers.firstUser(.admin, in: fixture.database)
            let admin = try await Callers.principal(user: user, in: fixture.database)
            let move = "mutation($from: RescueStatus!, $to: RescueStatus!) { transitionRescue(id: \"\(id.hex)\", from: $from, to: $to, reason: \"test\") { id status matchedAt statusHistory { fromStatus toStatus changedBy } } }"
            let before = try await fixture.collection(.rescueStatusHistories).countDocuments(["rescueId": .objectID(id)])
            let moved = await fixture.run(move, ["from": "REQUESTED", "to": "MATCHED"], principal: admin)
            #expect(moved.errors.map(\.message) == [])
            #expect(moved.data?["transitionRescue", "status"] == .string("MATCHED"))
            #expect(moved.data?["transitionRescue", "matchedAt"]?.stringValue != nil)
            let history = moved.data?["transitionRescue", "statusHistory"]?.listValue ?? []
            #expect(history.count == before + 1)
            #expect(history.last?["changedBy"] == .string(user.hex))
            // The same move again: the rescue is no longer REQUESTED.
            let stale = await fixture.run(move, ["from": "REQUESTED", "to": "MATCHED"])
            #expect(stale.errors.first?.extensions.first { $0.key == "code" }?.value == .string("CONFLICT"))
            #expect(stale.errors.first?.message == "The rescue is MATCHED, not REQUESTED.")
            // Skipping a step is refused before the database is asked.
            let skip = await fixture.run(move, ["from": "MATCHED", "to": "COMPLETED"])
            #expect(skip.errors.first?.extensions.first { $0.key == "code" }?.value == .string("BAD_USER_INPUT"))
            let stored = try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(id)])
            #expect(stored?["status"] == .string("matched"))
        }
    }

    @Test func theLifecycleAllowsOneStepBackFromMatchedAndCancellingUntilFinal() {
        #expect(RescueTransitions.isAllowed(from: "REQUESTED", to: "MATCHED"))
        #expect(RescueTransitions.isAllowed(from: "IN_PROGRESS", to: "COMPLETED"))
        #expect(RescueTransitions.isAllowed(from: "MATCHED", to: "REQUESTED"))
        #expect(RescueTransitions.isAllowed(from: "ARRIVED", to: "CANCELLED"))
        #expect(!RescueTransitions.isAllowed(from: "COMPLETED", to: "CANCELLED"))
        #expect(!RescueTransitions.isAllowed(from: "CANCELLED", to: "REQUESTED"))
        #expect(!RescueTransitions.isAllowed(from: "ACCEPTED", to: "REQUESTED"))
        #expect(!RescueTransitions.isAllowed(from: "REQUESTED", to: "ACCEPTED"))
    }

    @Test func aRescuesOwnRiderMayCancelItButNotMatchIt() async throws {
        try await SeededDatabase.with { fixture in
            let requested = try #require(try await fixture.collection(.rescueRequests).findOne(["status": "requested"]))
            guard case .objectID(let id)? = requested["_id"], case .objectID(let riderProfile)? = requested["riderId"]
            else { throw CancellationError() }
            let profile = try #require(try await fixture.collection(.riderProfiles).findOne(["_id": .objectID(riderProfile)]))
            guard case .objectID(let user)? = profile["userId"] else { throw CancellationError() }
            let rider = try await Callers.principal(user: user, in: fixture.database)
            let move = "mutation($from: RescueStatus!, $to: RescueStatus!) { transitionRescue(id: \"\(id.hex)\", from: $from, to: $to) { status } }"
            let match = await fixture.run(move, ["from": "REQUESTED", "to": "MATCHED"], principal: rider)
            #expect(match.errors.first?.extensions.first { $0.key == "code" }?.value == .string("FORBIDDEN"))
            let unchanged = try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(id)])
            #expect(unchanged?["status"] == .string("requested"))
            let cancel = await fixture.run(move, ["from": "REQUESTED", "to": "CANCELLED"], principal: rider)
            #expect(cancel.errors.map(\.message) == [])
            #expect(cancel.data?["transitionRescue", "status"] == .string("CANCELLED"))
        }
    }

    @Test func ridersOnlyCancelDriversReportProgressAndStaffMakeAnyMove() {
        #expect(RescueTransitions.mayMove(.rider, from: "EN_ROUTE", to: "CANCELLED"))
        #expect(!RescueTransitions.mayMove(.rider, from: "REQUESTED", to: "MATCHED"))
        #expect(!RescueTransitions.mayMove(.rider, from: "IN_PROGRESS", to: "COMPLETED"))
        #expect(RescueTransitions.mayMove(.driver, from: "MATCHED", to: "ACCEPTED"))
        #expect(RescueTransitions.mayMove(.driver, from: "MATCHED", to: "REQUESTED"))
        #expect(RescueTransitions.mayMove(.driver, from: "IN_PROGRESS", to: "COMPLETED"))
        #expect(RescueTransitions.mayMove(.driver, from: "ARRIVED", to: "CANCELLED"))
        #expect(!RescueTransitions.mayMove(.driver, from: "REQUESTED", to: "MATCHED"))
        for role in [Role.support, .admin] {
            #expect(RescueTransitions.mayMove(role, from: "REQUESTED", to: "MATCHED"))
        }
    }
}
