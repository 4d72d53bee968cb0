import Enforcement
import GraphQLEngine
import MongoStore
import Resolvers
import Security
import Testing

/// `Query.nearbyDrivers` over the driver locator: the same answers as the
/// database query, the documents read by `_id` through the row rule, a
/// locator behind the database corrected by what is read, callers with a
/// limiting row rule answered by the database, and the 50 km cap.
@Suite("nearbyDrivers over the driver locator", .serialized)
struct NearbyDriversLocatorTests {
    static let query = """
        query($lng: Float!, $lat: Float!, $d: Int, $first: Int) {
          nearbyDrivers(near: {lng: $lng, lat: $lat}, maxDistanceMeters: $d, first: $first) {
            distanceMeters driver { id status isOnline rating }
          }
        }
        """

    /// Runs `body` with the seeded database, a running locator over it (on a
    /// client of its own) and the schema that answers from it.
    static func withLocator(_ body: (Fixture, DriverLocator, GraphQLService) async throws -> Void) async throws {
        try await SeededDatabase.with { fixture in
            let client = try LiveDatabase.client(maxPoolSize: 2)
            // A long freshness limit: these tests are about which path answers, and a
            // loaded machine can slow the stream past the usual limit (then the
            // resolver rightly asks the database).
            var configuration = LocatorFixture.testConfiguration
            configuration.freshnessLimit = .seconds(120)
            let locator = DriverLocator(
                database: client.database(fixture.database.name), configuration: configuration)
            let schema = try SupportCarrSchema.make(
                sdl: SeededDatabase.schemaText, security: .development, exposesInternalErrors: true, locator: locator)
            let service = GraphQLService(schema: schema, cache: nil)
            let run = Task { await locator.run() }
            defer { run.cancel() }
            try await LocatorFixture.eventually("the locator serves", within: .seconds(30)) { locator.status.isServing }
            try await body(fixture, locator, service)
            run.cancel()
            await run.value
        }
    }

    /// The seeded drivers' positions: query points with drivers around them.
    static func points(_ fixture: Fixture) async throws -> [(Double, Double)] {
        try await fixture.collection(.driverProfiles).find([:]).compactMap { document in
            guard case .document(let location)? = document["location"],
                case .array(let point)? = location["coordinates"],
                let lng = NearbyDrivers.number(point[0]), let lat = NearbyDrivers.number(point[1])
            else { return nil }
            return (lng, lat)
        }
    }

    @Test("Answers equal the database query's, and come from one read by _id")
    func sameAnswersAsTheDatabase() async throws {
        try await Self.withLocator { fixture, locator, service in
            var compared = 0
            for (lng, lat) in try await Self.points(fixture) {
                for (distance, first) in [(5_000, 20), (50_000, 3), (50_000, 100), (1_000, 1)] {
                    let variables: [String: JSONValue] = [
                        "lng": .double(lng), "lat": .double(lat), "d": .int(distance), "first": .int(first),
                    ]
                    let context = AccessContext(database: fixture.database, principal: .trusted)
                    let fromLocator = await service.execute(
                        GraphQLRequest(query: Self.query, variables: variables), context: context)
                    let fromDatabase = await fixture.run(Self.query, variables)
                    #expect(fromLocator.errors.map(\.message) == [])
                    #expect(
                        fromLocator.data == fromDatabase.data, "(\(lng), \(lat)) within \(distance), first \(first)")
                    if (fromLocator.data?["nearbyDrivers"]?.listValue ?? []).count > 1 { compared += 1 }
                }
            }
            #expect(compared > 5, "the seeded drivers have free drivers near them")
            #expect(locator.status.isServing)

            // The locator's path reads the documents by _id (the profiler shows the find).
            let (lng, lat) = try #require(try await Self.points(fixture).first)
            try await LocatorFixture.eventually("the locator serves", within: .seconds(30)) {
                locator.status.isServing
            }
            let (_, filters) = try await Self.finds(in: fixture.database) {
                await service.execute(
                    GraphQLRequest(
                        query: Self.query, variables: ["lng": .double(lng), "lat": .double(lat), "d": 50_000]),
                    context: AccessContext(database: fixture.database, principal: .trusted))
            }
            #expect(filters.count == 1, "\(filters)")
            #expect(filters.first?["_id"] != nil, "\(filters)")
            #expect(filters.first?["location"] == nil, "\(filters)")
        }
    }

    /// The ids of an answer's drivers, in order.
    static func ids(_ response: GraphQLResponse) -> [String] {
        (response.data?["nearbyDrivers"]?.listValue ?? []).compactMap {
            if case .string(let id)? = $0["driver", "id"] { id } else { nil }
        }
    }

    /// What `body` returns, and the filters of the `driverprofiles` finds it
    /// sent, from the profiler.
    static func finds<R>(in database: MongoDatabase, during body: () async throws -> R) async throws
        -> (R, [BSONDocument])
    {
        let profile = database.collection("system.profile")
        let filter: BSONDocument = ["ns": .string(database.name + ".driverprofiles")]
        let before = try await profile.find(filter).count
        _ = try await database.runCommand(["profile": 2])
        let result = try await body()
        _ = try await database.runCommand(["profile": 0])
        let reads = try await profile.find(filter).dropFirst(before)
        let filters = reads.compactMap { entry -> BSONDocument? in
            guard case .document(let command)? = entry["command"], case .document(let filter)? = command["filter"]
            else { return nil }
            return filter
        }
        return (result, filters)
    }

    @Test(
        "A locator that has not heard of a change yet: who stopped qualifying is left out; past the slack the database answers"
    )
    func aLocatorBehindTheDatabase() async throws {
        // The locator follows a copy of the drivers and the gateway reads the
        // original, so changes made to the original only are changes the
        // locator has not heard of yet, for as long as the test needs: a
        // stream held back on purpose, without racing it.
        try await LiveDatabase.withDatabase { client, database in
            let copy = client.database(database.name + "_followed")
            do {
                // Thirty free drivers on a line eastwards from the point, 88 m apart.
                let (lng, lat) = (-122.41, 37.77)
                let drivers = (0..<30).map { LocatorFixture.driver(lng: lng + Double($0) * 0.001, lat: lat) }
                let ids = drivers.map { document -> String in
                    if case .objectID(let id)? = document["_id"] { id.hex } else { "" }
                }
                for target in [database, copy] {
                    let collection = target.collection("driverprofiles")
                    _ = try await collection.createIndex(IndexModel(keys: ["location": "2dsphere"]))
                    try await collection.insertMany(drivers)
                }
                var configuration = LocatorFixture.testConfiguration
                configuration.freshnessLimit = .seconds(120)
                let locator = DriverLocator(
                    database: try LiveDatabase.client(maxPoolSize: 2).database(copy.name),
                    configuration: configuration)
                let service = GraphQLService(
                    schema: try SupportCarrSchema.make(
                        sdl: SeededDatabase.schemaText, security: .development, exposesInternalErrors: true,
                        locator: locator),
                    cache: nil)
                let run = Task { await locator.run() }
                defer { run.cancel() }
                try await LocatorFixture.eventually("the locator serves", within: .seconds(30)) {
                    locator.status.isServing
                }
                let request = GraphQLRequest(
                    query: Self.query,
                    variables: ["lng": .double(lng), "lat": .double(lat), "d": 50_000, "first": 5])
                let context = AccessContext(database: database, principal: .trusted)
                let profiles = database.collection("driverprofiles")

                // The nearest goes offline where the gateway reads; the locator still ranks it first.
                _ = try await profiles.updateOne(["_id": drivers[0]["_id"]!], ["$set": ["isOnline": false]])
                #expect(
                    locator.nearest(lng: lng, lat: lat, maxDistance: 50_000, limit: 1)?.first?.id.objectID.hex
                        == ids[0])
                var (answer, filters) = try await Self.finds(in: database) {
                    await service.execute(request, context: context)
                }
                #expect(answer.errors.map(\.message) == [])
                #expect(Self.ids(answer) == Array(ids[1...5]))
                #expect(filters.count == 1 && filters.first?["location"] == nil, "one read by _id: \(filters)")

                // Eleven more of the fifteen ranked stop qualifying (unavailable,
                // suspended): too few are left, and the database query answers.
                _ = try await profiles.updateMany(
                    ["_id": ["$in": .array(drivers[1...6].map { $0["_id"]! })]], ["$set": ["isAvailable": false]])
                _ = try await profiles.updateMany(
                    ["_id": ["$in": .array(drivers[7...11].map { $0["_id"]! })]], ["$set": ["status": "suspended"]])
                (answer, filters) = try await Self.finds(in: database) {
                    await service.execute(request, context: context)
                }
                #expect(answer.errors.map(\.message) == [])
                #expect(Self.ids(answer) == Array(ids[12...16]))
                #expect(filters.count == 2 && filters.last?["location"] != nil, "by _id, then the circle: \(filters)")
                #expect(locator.status.isServing)
                run.cancel()
                await run.value
                try await copy.drop()
            } catch {
                try? await copy.drop()
                throw error
            }
        }
    }

    @Test("A driver, whose row rule shows only its own profile, gets the database query's answer")
    func limitedCallersAskTheDatabase() async throws {
        try await Self.withLocator { fixture, _, service in
            let user = try await Callers.firstUser(.driver, in: fixture.database)
            let principal = try await Callers.principal(user: user, in: fixture.database)
            for (lng, lat) in try await Self.points(fixture).prefix(8) {
                let variables: [String: JSONValue] = ["lng": .double(lng), "lat": .double(lat), "d": 50_000]
                let fromLocator = await service.execute(
                    GraphQLRequest(query: Self.query, variables: variables),
                    context: AccessContext(database: fixture.database, principal: principal))
                let fromDatabase = await fixture.run(Self.query, variables, principal: principal)
                #expect(fromLocator.errors.map(\.message) == [])
                #expect(fromLocator.data == fromDatabase.data)
                #expect((fromLocator.data?["nearbyDrivers"]?.listValue ?? []).count <= 1)
            }
        }
    }

    @Test("maxDistanceMeters over 50 km is refused with BAD_USER_INPUT naming the argument; 50 km is allowed")
    func distanceCap() async throws {
        try await Self.withLocator { fixture, _, service in
            for runner in [
                { (variables: [String: JSONValue]) in await fixture.run(Self.query, variables) },
                { (variables: [String: JSONValue]) in
                    await service.execute(
                        GraphQLRequest(query: Self.query, variables: variables),
                        context: AccessContext(database: fixture.database, principal: .trusted))
                },
            ] {
                let over = await runner(["lng": -122.4, "lat": 37.77, "d": 50_001])
                #expect(over.errors.first?.extensions.first { $0.key == "code" }?.value == .string("BAD_USER_INPUT"))
                #expect(over.errors.first?.message.contains("maxDistanceMeters") == true)
                #expect(over.errors.first?.message.contains("50000") == true)
                let worldwide = await runner(["lng": -122.4, "lat": 37.77, "d": 20_000_000])
                #expect(worldwide.errors.first?.message.contains("maxDistanceMeters") == true)
                let atCap = await runner(["lng": -122.4, "lat": 37.77, "d": 50_000])
                #expect(atCap.errors.map(\.message) == [])
            }
        }
    }
}
