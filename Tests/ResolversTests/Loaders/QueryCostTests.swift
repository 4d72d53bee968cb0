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
        /// The catalogue's name of the index on `collection` with exactly `fields`.
        static func index(_ collection: Collections, _ fields: String...) throws -> String {
            try #require(IndexCatalogue.indexes(on: collection).first { $0.keys.map(\.field) == fields }?.name)
        }

        /// Each hot read, sent without a hint (as the resolvers send it), is
        /// planned on the catalogue index meant for it: the planner's own
        /// choice, checked here, instead of a hint (which the embedded
        /// database runs as a scan of the whole index).
        @Test func theCriticalQueriesArePlannedOnTheirIndexWithoutAHint() async throws {
            try await SeededDatabase.with { fixture in
                let rescue = try #require(try await fixture.collection(.rescueRequests).findOne())
                guard case .objectID(let rider)? = rescue["riderId"] else { throw CancellationError() }
                let history = RescueResolvers.history(ofRider: rider)
                let historyPlan = try await fixture.collection(.rescueRequests).explainFind(
                    history.filter, options: history.pageOptions(first: 20))
                #expect(
                    historyPlan.indexNames == [try Self.index(.rescueRequests, "riderId", "createdAt")],
                    "rider history: \(historyPlan.winningPlanStages)")

                let assignment = try #require(try await fixture.collection(.rescueAssignments).findOne())
                guard case .objectID(let driver)? = assignment["driverId"] else { throw CancellationError() }
                let (activeFilter, activeOptions) = RescueResolvers.activeAssignmentQuery(ofDriver: driver)
                #expect(activeOptions.hint == nil)
                let activePlan = try await fixture.collection(.rescueAssignments).explainFind(
                    activeFilter, options: activeOptions)
                #expect(
                    activePlan.indexNames == [try Self.index(.rescueAssignments, "driverId", "status")],
                    "active rescue: \(activePlan.winningPlanStages)")

                let payments = ConnectionQuery(.payments, filter: ["riderId": .objectID(rider)])
                let paymentsPlan = try await fixture.collection(.payments).explainFind(
                    payments.filter, options: payments.pageOptions(first: 20))
                #expect(
                    paymentsPlan.indexNames == [try Self.index(.payments, "riderId", "createdAt")],
                    "payments by rider: \(paymentsPlan.winningPlanStages)")

                let byStatus = ConnectionQuery(
                    .rescueRequests, filter: ["status": ["$in": ["completed"]]], sortField: "requestedAt")
                let statusPlan = try await fixture.collection(.rescueRequests).explainFind(
                    byStatus.filter, options: byStatus.pageOptions(first: 50))
                // Two catalogue indexes lead with `status` (with `requestedAt`, with
                // `createdAt`); either serves the filter, the planner picks.
                let statusIndexes = [
                    try Self.index(.rescueRequests, "status", "requestedAt"),
                    try Self.index(.rescueRequests, "status", "createdAt"),
                ]
                #expect(
                    statusPlan.indexNames.count == 1 && statusIndexes.contains(statusPlan.indexNames[0]),
                    "rescues by status: \(statusPlan.winningPlanStages) \(statusPlan.indexNames)")

                // A level's loader reads, each its own find on the index of its field.
                let rescueID = try #require(
                    rescue["_id"].flatMap { if case .objectID(let id) = $0 { id } else { nil } })
                let reads: [(MongoRead, String)] = [
                    (ByIDLoader(fixture.database, .riderProfiles).read(for: [rider]), "_id_"),
                    (
                        ByForeignKeyLoader(fixture.database, .rescueAssignments, field: "rescueId").read(for: [rescueID]
                        ),
                        try Self.index(.rescueAssignments, "rescueId")
                    ),
                    (
                        ByForeignKeyLoader(fixture.database, .payments, field: "rescueId").read(for: [rescueID]),
                        try Self.index(.payments, "rescueId")
                    ),
                    (
                        ManyByForeignKeyLoader(
                            fixture.database, .ratings, field: "rescueId", sort: ["createdAt": 1, "_id": 1]
                        ).read(for: [rescueID]),
                        try Self.index(.ratings, "rescueId", "type")
                    ),
                ]
                for (read, index) in reads {
                    let plan = try await fixture.collection(read.collection).explainFind(
                        read.filter, options: FindOptions(sort: read.sort))
                    #expect(
                        plan.indexNames == [index] || (index == "_id_" && plan.winningPlanStages.contains("IDHACK")),
                        "\(read.collection.name) by \(read.filter): \(plan.winningPlanStages) \(plan.indexNames)")
                }

                let nearPlan = try await fixture.collection(.driverProfiles).explainFind(
                    NearbyDrivers.filter(lng: -122.4, lat: 37.77, maxDistance: 5000))
                #expect(nearPlan.usesIndex, "nearby drivers: \(nearPlan.winningPlanStages)")
            }
        }

        /// The commands `work` sends to `database`, as its profiler records them
        /// (every operation, level 2): the collection of each, in order. Only
        /// this test's database, so commands of other tests running meanwhile
        /// do not count.
        static func profiledCollections(_ database: MongoDatabase, during work: () async throws -> Void)
            async throws -> [String]
        {
            _ = try await database.runCommand(["profile": 2])
            let profile = database.collection("system.profile")
            // The profile collection's own reads are not the work's.
            let ownNamespace: BSONDocument = ["ns": ["$ne": .string(database.name + ".system.profile")]]
            let before = try await profile.countDocuments(ownNamespace)
            try await work()
            let entries = try await profile.find(ownNamespace, options: FindOptions(sort: ["$natural": 1]))
            return entries.dropFirst(before).map { entry in
                guard case .string(let namespace)? = entry["ns"] else { return "?" }
                return String(namespace.dropFirst(database.name.count + 1))
            }
        }

        @Test func fiftyAndOneHundredRescuesCostOneFindPerLoaderPerLevel() async throws {
            try await SeededDatabase.with { fixture in
                // Warm up: connections and their handshakes are made outside the measured window.
                _ = await fixture.run(RescueQuery.text, ["first": .int(100)])
                func commands(_ query: String, _ first: Int) async throws -> [String: Int] {
                    let collections = try await Self.profiledCollections(fixture.database) {
                        let response = await fixture.run(query, ["first": .int(first)])
                        #expect(response.errors.map(\.message) == [])
                        #expect(response.data?["rescueRequests", "edges"]?.listValue?.count == first)
                    }
                    return collections.reduce(into: [:]) { $0[$1, default: 0] += 1 }
                }
                // The page; the rescues' rider, assignment, payment, ratings and status
                // history (five loaders, five finds in flight together); the assignments'
                // drivers; the drivers' vehicles: one find per loader per level.
                let expected: [String: Int] = [
                    "rescuerequests": 1, "riderprofiles": 1, "rescueassignments": 1, "payments": 1, "ratings": 1,
                    "rescuestatushistories": 1, "driverprofiles": 1, "vehicles": 1,
                ]
                let fifty = try await commands(RescueQuery.text, 50)
                let hundred = try await commands(RescueQuery.text, 100)
                print("commands: 50 rescues -> \(fifty), 100 rescues -> \(hundred)")
                #expect(fifty == expected)
                #expect(hundred == expected)
                // Our own counters agree: eight batches, seven of them after the page.
                let response = await fixture.run(RescueQuery.text, ["first": .int(50)])
                #expect(response.loaderBatches == 7)
                #expect(response.loaderRoundTrips == 7)
                // Selecting totalCount adds one count, sent beside the page's find.
                let counted = RescueQuery.text.replacingOccurrences(of: "pageInfo {", with: "totalCount pageInfo {")
                var withCount = expected
                withCount["rescuerequests"] = 2
                #expect(try await commands(counted, 50) == withCount)
                #expect(try await commands(counted, 100) == withCount)
            }
        }
    }
}
