import DataModel
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

extension SeededSuites {
    /// What the database is asked: the plans of the critical queries and the
    /// commands of a nested page, counted by the database's profiler.
    @Suite(.serialized) struct QueryCostTests {
        @Test func theCriticalQueriesUseAnIndex() async throws {
            try await SeededDatabase.with { fixture in
                let rescue = try #require(try await fixture.collection(.rescueRequests).findOne())
                guard case .objectID(let rider)? = rescue["riderId"] else { throw CancellationError() }
                let history = RescueResolvers.history(ofRider: rider)
                let historyPlan = try await fixture.collection(.rescueRequests).explainFind(
                    history.filter,
                    options: FindOptions(
                        sort: ["createdAt": -1, "_id": -1], limit: 21, hint: history.hint.map { .name($0) }))
                #expect(historyPlan.usesIndex, "rider history: \(historyPlan.winningPlanStages)")

                let assignment = try #require(try await fixture.collection(.rescueAssignments).findOne())
                guard case .objectID(let driver)? = assignment["driverId"] else { throw CancellationError() }
                let (activeFilter, activeOptions) = RescueResolvers.activeAssignmentQuery(ofDriver: driver)
                let activePlan = try await fixture.collection(.rescueAssignments).explainFind(
                    activeFilter, options: activeOptions)
                #expect(activePlan.usesIndex, "active rescue: \(activePlan.winningPlanStages)")

                let paymentsHint = IndexNames.named(.payments, "riderId", "createdAt")
                #expect(paymentsHint != nil)
                let paymentsPlan = try await fixture.collection(.payments).explainFind(
                    ["riderId": .objectID(rider)],
                    options: FindOptions(
                        sort: ["createdAt": -1, "_id": -1], limit: 21, hint: paymentsHint.map { .name($0) }))
                #expect(paymentsPlan.usesIndex, "payments by rider: \(paymentsPlan.winningPlanStages)")

                // A level's loader reads, sent as one aggregate: each read's own pipeline
                // (what its `$unionWith` runs) uses an index, and so does the outer one.
                let rescueID = try #require(
                    rescue["_id"].flatMap { if case .objectID(let id) = $0 { id } else { nil } })
                let reads: [MongoRead] = [
                    ByIDLoader(fixture.database, .riderProfiles).read(for: [rider]),
                    ByForeignKeyLoader(fixture.database, .rescueAssignments, field: "rescueId").read(for: [rescueID]),
                    ByForeignKeyLoader(fixture.database, .payments, field: "rescueId").read(for: [rescueID]),
                    ManyByForeignKeyLoader(
                        fixture.database, .ratings, field: "rescueId", sort: ["createdAt": 1, "_id": 1]
                    )
                    .read(for: [rescueID]),
                    ManyByForeignKeyLoader(
                        fixture.database, .rescueStatusHistories, field: "rescueId", sort: ["timestamp": 1, "_id": 1]
                    ).read(for: [rescueID]),
                ]
                for read in reads {
                    let plan = try await fixture.collection(read.collection).explainAggregate(read.stages)
                    #expect(plan.usesIndex, "\(read.collection.name) by \(read.filter): \(plan.winningPlanStages)")
                }
                let shared = try await fixture.collection(.riderProfiles).explainAggregate(
                    MongoReadChannel.pipeline(reads))
                #expect(shared.usesIndex, "shared read: \(shared.winningPlanStages)")

                // A page read with its totalCount (one aggregate): the page on its hinted
                // index, the count's $unionWith on the same filter.
                let statusFilter: BSONDocument = ["status": ["$in": ["completed"]]]
                let statusHint = try #require(IndexNames.named(.rescueRequests, "status", "requestedAt"))
                let counted = PageWithCount.pipeline(
                    pageFilter: statusFilter, sort: ["requestedAt": -1, "_id": -1], limit: 51,
                    countFilter: statusFilter,
                    collection: .rescueRequests)
                let countedPlan = try await fixture.database.runCommand([
                    "explain": [
                        "aggregate": .string(Collections.rescueRequests.name),
                        "pipeline": .array(counted.map { .document($0) }),
                        "cursor": [:], "hint": .string(statusHint),
                    ],
                    "verbosity": "queryPlanner",
                ])
                let countedText = String(describing: countedPlan)
                #expect(
                    countedText.contains("IXSCAN") && !countedText.contains("COLLSCAN"),
                    "page with count: \(countedText)")

                let nearPlan = try await fixture.collection(.driverProfiles).explainFind(
                    NearbyDrivers.filter(lng: -122.4, lat: 37.77, maxDistance: 5000))
                #expect(nearPlan.usesIndex, "nearby drivers: \(nearPlan.winningPlanStages)")
            }
        }

        /// Database commands the server counted between two `serverStatus` calls
        /// (query + command + getmore opcounters), less what two back-to-back
        /// `serverStatus` calls count by themselves.
        /// The commands `work` sends to `database`, as its profiler records them
        /// (every operation, level 2): only this test's database, so commands of
        /// other tests running meanwhile do not count.
        static func serverCommands(_ database: MongoDatabase, during work: () async throws -> Void) async throws -> Int
        {
            _ = try await database.runCommand(["profile": 2])
            let profile = database.collection("system.profile")
            // The profile collection's own reads are not the work's.
            let ownNamespace: BSONDocument = ["ns": ["$ne": .string(database.name + ".system.profile")]]
            let before = try await profile.countDocuments(ownNamespace)
            try await work()
            let after = try await profile.countDocuments(ownNamespace)
            return after - before
        }

        @Test func fiftyAndOneHundredRescuesCostTheSameFewRoundTrips() async throws {
            try await SeededDatabase.with { fixture in
                func measure(_ first: Int) async throws -> Int {
                    var counts: [Int] = []
                    for _ in 0..<5 {
                        counts.append(
                            try await Self.serverCommands(fixture.database) {
                                let response = await fixture.run(RescueQuery.text, ["first": .int(first)])
                                #expect(response.errors.map(\.message) == [])
                                #expect(response.data?["rescueRequests", "edges"]?.listValue?.count == first)
                            })
                    }
                    return counts.min() ?? -1
                }
                // Warm up: connections and their handshakes are made outside the measured window.
                _ = await fixture.run(RescueQuery.text, ["first": .int(100)])
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
                let response = await fixture.run(RescueQuery.text, ["first": .int(50)])
                #expect(response.loaderBatches == 7)
                #expect(response.loaderRoundTrips == 3)
                // Selecting totalCount adds no command: the count travels with the page.
                let counted = RescueQuery.text.replacingOccurrences(of: "pageInfo {", with: "totalCount pageInfo {")
                _ = await fixture.run(counted, ["first": .int(100)])
                func measureCounted(_ first: Int) async throws -> Int {
                    var counts: [Int] = []
                    for _ in 0..<5 {
                        counts.append(
                            try await Self.serverCommands(fixture.database) {
                                let response = await fixture.run(counted, ["first": .int(first)])
                                #expect(response.errors.map(\.message) == [])
                                #expect(
                                    response.data?["rescueRequests", "totalCount"]
                                        == .int(SeededDatabase.options.rescues))
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
    }
}
