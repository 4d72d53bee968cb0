import DataModel
import Gateway
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

/// `rateRescue` over HTTP: the direction from the caller, once per
/// direction (the unique index), only completed rescues, the cached
/// averages exact after many ratings.
@Suite("Rating a rescue over HTTP", .serialized)
struct RateRescueHTTPTests {
    static let rate = """
        mutation($id: ObjectID!, $rating: Int!, $comment: String, $anonymous: Boolean) {
          rateRescue(rescueId: $id, rating: $rating, comment: $comment, isAnonymous: $anonymous) {
            id type rating comment isAnonymous toUserId
          }
        }
        """

    static func variables(_ rescue: ObjectID, _ rating: Int, comment: String? = nil) -> String {
        var text = #"{"id":"\#(rescue.hex)","rating":\#(rating)"#
        if let comment { text += #","comment":\#(JSONValue.string(comment).jsonString)"# }
        return text + "}"
    }

    static func code(_ response: JSONValue?) -> JSONValue? { response?["errors", 0, "extensions", "code"] }

    @Test("the rider rates the driver and the driver the rider, each once; the second gets CONFLICT from the index")
    func onceEachWay() async throws {
        try await GatewayFixture.with(configuration: .money, schema: try SecuritySchema.make()) { fixture in
            _ = try await Migrator().migrate(fixture.database)
            let parties = try await MoneyParties.make(in: fixture)
            let rescue = try await parties.rescue(in: fixture.database)
            try await fixture.live { client in
                let first = try await fixture.post(
                    Self.rate, variables: Self.variables(rescue, 4, comment: "  Quick and kind  "),
                    key: parties.rider.key, client: client)
                #expect(first?["errors"] == nil, "\(String(describing: first))")
                #expect(first?["data", "rateRescue", "type"] == "RIDER_TO_DRIVER")
                #expect(first?["data", "rateRescue", "comment"] == "Quick and kind")
                #expect(first?["data", "rateRescue", "toUserId"] == .string(parties.driver.id.hex))
                let again = try await fixture.post(
                    Self.rate, variables: Self.variables(rescue, 1), key: parties.rider.key, client: client)
                #expect(Self.code(again) == "CONFLICT")
                let back = try await fixture.post(
                    Self.rate, variables: Self.variables(rescue, 5), key: parties.driver.key, client: client)
                #expect(back?["data", "rateRescue", "type"] == "DRIVER_TO_RIDER")
                #expect(back?["data", "rateRescue", "toUserId"] == .string(parties.rider.id.hex))
            }
            let db = fixture.database
            #expect(try await db.collection(.ratings).countDocuments(["rescueId": .objectID(rescue)]) == 2)
            let driver = try #require(
                try await db.collection(.driverProfiles).findOne(["_id": .objectID(parties.driverProfile)]))
            #expect(try driver["rating", as: Double.self] == 4)
            #expect(try driver["ratingCount", as: Int.self] == 1)
            let stats = try await db.collection(.driverStats).findOne(["driverId": .objectID(parties.driverProfile)])
            #expect(try stats?["averageRating", as: Double.self] == 4)
            let rider = try await db.collection(.riderProfiles).findOne(["_id": .objectID(parties.riderProfile)])
            #expect(try rider?["averageRating", as: Double.self] == 5)
            let audit = try await db.collection(.auditLogs).find(["action": "rating.create"])
            #expect(audit.count == 2)
            #expect(audit.allSatisfy { $0["entity"] == "ratings" })
        }
    }

    @Test(
        "a score out of 1...5 is BAD_USER_INPUT; an open rescue is CONFLICT; staff may not rate; strangers find nothing"
    )
    func refusals() async throws {
        try await GatewayFixture.with(configuration: .money, schema: try SecuritySchema.make()) { fixture in
            _ = try await Migrator().migrate(fixture.database)
            let parties = try await MoneyParties.make(in: fixture)
            let done = try await parties.rescue(in: fixture.database)
            let open = try await parties.rescue(in: fixture.database, status: "in_progress")
            let support = try await fixture.user(.support)
            let stranger = try await MoneyParties.make(in: fixture)
            try await fixture.live { client in
                let high = try await fixture.post(
                    Self.rate, variables: Self.variables(done, 6), key: parties.rider.key, client: client)
                #expect(Self.code(high) == "BAD_USER_INPUT")
                #expect(high?["errors", 0, "extensions", "argument"] == "rating")
                let zero = try await fixture.post(
                    Self.rate, variables: Self.variables(done, 0), key: parties.rider.key, client: client)
                #expect(Self.code(zero) == "BAD_USER_INPUT")
                let long = try await fixture.post(
                    Self.rate, variables: Self.variables(done, 3, comment: String(repeating: "x", count: 1001)),
                    key: parties.rider.key, client: client)
                #expect(long?["errors", 0, "extensions", "argument"] == "comment")
                let early = try await fixture.post(
                    Self.rate, variables: Self.variables(open, 3), key: parties.rider.key, client: client)
                #expect(Self.code(early) == "CONFLICT")
                #expect(early?["errors", 0, "extensions", "currentStatus"] == "IN_PROGRESS")
                let staff = try await fixture.post(
                    Self.rate, variables: Self.variables(done, 3), key: support.key, client: client)
                #expect(Self.code(staff) == "FORBIDDEN")
                let other = try await fixture.post(
                    Self.rate, variables: Self.variables(done, 3), key: stranger.rider.key, client: client)
                #expect(Self.code(other) == "NOT_FOUND")
            }
            #expect(try await fixture.database.collection(.ratings).countDocuments() == 0)
        }
    }

    @Test("ratings at once: of two for one direction one wins and the other gets CONFLICT; a driver's stay exact")
    func concurrent() async throws {
        try await GatewayFixture.with(configuration: .money, schema: try SecuritySchema.make()) { fixture in
            _ = try await Migrator().migrate(fixture.database)
            let parties = try await MoneyParties.make(in: fixture)
            let db = fixture.database
            let contested = try await parties.rescue(in: db)
            var made: [ObjectID] = []
            for _ in 0..<6 { made.append(try await parties.rescue(in: db)) }
            let rescues = made
            let (race, spread) = try await fixture.live { client in
                async let first = fixture.post(
                    Self.rate, variables: Self.variables(contested, 5), key: parties.rider.key, client: client)
                async let second = fixture.post(
                    Self.rate, variables: Self.variables(contested, 1), key: parties.rider.key, client: client)
                let race = [try await first, try await second]
                let spread = try await withThrowingTaskGroup(of: JSONValue?.self) { group in
                    for (index, rescue) in rescues.enumerated() {
                        group.addTask {
                            try await fixture.post(
                                Self.rate, variables: Self.variables(rescue, 1 + index % 5), key: parties.rider.key,
                                client: client)
                        }
                    }
                    var answers: [JSONValue?] = []
                    for try await answer in group { answers.append(answer) }
                    return answers
                }
                return (race, spread)
            }
            #expect(race.filter { $0?["errors"] == nil }.count == 1, "\(race)")
            #expect(race.filter { Self.code($0) == "CONFLICT" }.count == 1, "\(race)")
            #expect(spread.allSatisfy { $0?["errors"] == nil }, "\(spread)")
            let ratings = try await db.collection(.ratings).find(["toUserId": .objectID(parties.driver.id)])
            #expect(ratings.count == 7)
            let sum = ratings.reduce(0) { $0 + ((try? $1["rating", as: Int.self]) ?? 0) }
            let profile = try await db.collection(.driverProfiles).findOne(["_id": .objectID(parties.driverProfile)])
            #expect(try profile?["ratingCount", as: Int.self] == 7)
            #expect(try profile?["ratingSum", as: Int.self] == sum)
        }
    }

    @Test("after many ratings the cached averages equal an aggregate over ratings, ratings from before included")
    func noDrift() async throws {
        try await GatewayFixture.with(configuration: .money, schema: try SecuritySchema.make()) { fixture in
            _ = try await Migrator().migrate(fixture.database)
            // A profile as the seed leaves it: a cached rating and count, no sum.
            let parties = try await MoneyParties.make(
                in: fixture, driverFields: ["rating": 4.7, "ratingCount": 3])
            let db = fixture.database
            for score in [5, 4, 5] {
                try await db.collection(.ratings).insertOne([
                    "_id": .objectID(ObjectID()), "rescueId": .objectID(ObjectID()),
                    "fromUserId": .objectID(ObjectID()), "toUserId": .objectID(parties.driver.id),
                    "type": "rider_to_driver", "rating": .int32(Int32(score)), "tags": [], "isAnonymous": false,
                    "createdAt": .date(.now()),
                ])
            }
            var made: [ObjectID] = []
            for _ in 0..<40 { made.append(try await parties.rescue(in: db)) }
            let rescues = made
            let scores = (0..<40).map { [1, 2, 3, 4, 5, 5, 4, 3, 5, 2, 1, 4, 5][$0 % 13] }
            try await fixture.live { client in
                for (rescue, score) in zip(rescues, scores) {
                    let answer = try await fixture.post(
                        Self.rate, variables: Self.variables(rescue, score), key: parties.rider.key, client: client)
                    #expect(answer?["errors"] == nil, "\(String(describing: answer))")
                    let back = try await fixture.post(
                        Self.rate, variables: Self.variables(rescue, 6 - score), key: parties.driver.key,
                        client: client)
                    #expect(back?["errors"] == nil, "\(String(describing: back))")
                }
            }
            for (user, collection, field) in [
                (parties.driver.id, Collections.driverProfiles, "rating"),
                (parties.rider.id, Collections.riderProfiles, "averageRating"),
            ] {
                let truth = try #require(
                    try await db.collection(.ratings).aggregate([
                        ["$match": ["toUserId": .objectID(user)]],
                        ["$group": ["_id": .null, "average": ["$avg": "$rating"], "count": ["$sum": 1]]],
                    ]).first)
                let average = try #require(try truth["average", as: Double.self])
                let profile = try #require(try await db.collection(collection).findOne(["userId": .objectID(user)]))
                let cached = try #require(try profile[field, as: Double.self])
                #expect(abs(cached - average) < 1e-12, "\(collection): \(cached) against \(average)")
                #expect(try profile["ratingCount", as: Int.self] == truth["count", as: Int.self])
            }
            #expect(try await db.collection(.ratings).countDocuments(["toUserId": .objectID(parties.driver.id)]) == 43)
            let stats = try await db.collection(.driverStats).findOne(["driverId": .objectID(parties.driverProfile)])
            let profile = try await db.collection(.driverProfiles).findOne(["_id": .objectID(parties.driverProfile)])
            #expect(try stats?["averageRating", as: Double.self] == profile?["rating", as: Double.self])
        }
    }
}
