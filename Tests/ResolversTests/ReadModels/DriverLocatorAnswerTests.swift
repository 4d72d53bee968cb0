import Foundation
import MongoStore
import Resolvers
import Testing

/// The locator answers what the database answers: on the same stored drivers,
/// for many points and radii, the same drivers in the same order with the
/// same distances as a scan of every stored driver, as the gateway's database
/// query (`$geoWithin` + distances computed here) and as the server's own
/// `$geoNear` (the aggregation form of `$near`, which sorts by distance);
/// and the same drivers as `find` with `$near`.
@Suite("Driver locator answers", .serialized)
struct DriverLocatorAnswerTests {
    typealias Ranked = [(id: ObjectID, meters: Double)]

    /// 3,000 drivers in the clusters of `DriverLocatorIndexTests` (a city,
    /// both sides of the antimeridian, the poles), three in five qualifying,
    /// plus 100 qualifying drivers on ten shared spots (ties).
    static func seed(_ fixture: LocatorFixture) async throws {
        var random = SeededRandom(seed: 2026)
        var documents = DriverLocatorIndexTests.clusteredPoints(3_000, using: &random).map { point in
            let roll = Int.random(in: 0..<10, using: &random)
            return LocatorFixture.driver(
                lng: point.lng, lat: point.lat, online: roll != 0 && roll != 9, available: roll != 1,
                status: roll == 2 ? "suspended" : roll == 3 ? "pending" : "approved")
        }
        let spots = DriverLocatorIndexTests.clusteredPoints(10, using: &random)
        for i in 0..<100 { documents.append(LocatorFixture.driver(lng: spots[i % 10].lng, lat: spots[i % 10].lat)) }
        try await fixture.insert(documents.shuffled(using: &random))
    }

    @Test("Equal to a scan of every driver, to the database query and to $geoNear, for 150 points and radii")
    func equalToTheDatabase() async throws {
        try await LocatorFixture.with(ownServer: true) { fixture in
            try await Self.seed(fixture)
            let locator = fixture.locator()
            try await fixture.running(locator) {
                let stored = try await fixture.drivers.find([:])
                var random = SeededRandom(seed: 99)
                var found = 0
                var ties = 0
                for round in 0..<150 {
                    let (lng, lat, radius, first) = Self.query(round, stored: stored, using: &random)
                    let ours: Ranked = try await Self.answer(locator, lng: lng, lat: lat, radius: radius, first: first)
                    let label = "round \(round): (\(lng), \(lat)) within \(radius) m, first \(first)"
                    // A scan of every stored driver, qualified and measured here.
                    #expect(
                        Self.same(ours, Self.scan(stored, lng: lng, lat: lat, radius: radius, first: first)), "\(label)"
                    )
                    // The gateway's database query.
                    let candidates = try await fixture.drivers.find(
                        NearbyDrivers.filter(lng: lng, lat: lat, maxDistance: Int(radius.rounded(.down))))
                    let database = NearbyDrivers.nearest(
                        candidates, lng: lng, lat: lat, maxDistance: radius.rounded(.down), first: first)
                    let ranked: Ranked = database.compactMap { item in
                        guard case .objectID(let id)? = item.driver["_id"] else { return nil }
                        return (id, item.distance)
                    }
                    let oursAtWholeMeters = try await Self.answer(
                        locator, lng: lng, lat: lat, radius: radius.rounded(.down), first: first)
                    #expect(Self.same(oursAtWholeMeters, ranked), "\(label) (database query)")
                    // The server's $geoNear, every third round (it scans the collection).
                    if round % 3 == 0 {
                        let byServer = try await Self.geoNear(fixture, lng: lng, lat: lat, radius: radius, first: first)
                        #expect(Self.sameRanking(ours, byServer), "\(label) ($geoNear)")
                    }
                    if !ours.isEmpty { found += 1 }
                    if Set(ours.map(\.meters)).count < ours.count { ties += 1 }
                }
                #expect(found > 60, "many queries find drivers (a third are anywhere on earth)")
                #expect(ties > 0, "some answers hold drivers at equal distances")
            }
        }
    }

    @Test("The same drivers as find with $near and $maxDistance")
    func sameDriversAsNear() async throws {
        try await LocatorFixture.with(ownServer: true) { fixture in
            try await Self.seed(fixture)
            let locator = fixture.locator()
            try await fixture.running(locator) {
                let stored = try await fixture.drivers.find([:])
                var random = SeededRandom(seed: 5)
                for round in 0..<20 {
                    let (lng, lat, radius, _) = Self.query(round, stored: stored, using: &random)
                    let ours = try await Self.answer(locator, lng: lng, lat: lat, radius: radius, first: 10_000)
                    var filter = DriverLocatorChangeFilter.qualifying
                    filter["location"] = [
                        "$near": [
                            "$geometry": ["type": "Point", "coordinates": [.double(lng), .double(lat)]],
                            "$maxDistance": .double(radius),
                        ]
                    ]
                    let near = try await fixture.drivers.find(filter)
                    let nearIDs = Set(
                        near.compactMap { document -> ObjectID? in
                            if case .objectID(let id)? = document["_id"] { return id }
                            return nil
                        })
                    #expect(Set(ours.map(\.id)) == nearIDs, "round \(round)")
                }
            }
        }
    }

    /// The locator's answer, once it serves: on a loaded machine its stream
    /// can stay silent past the freshness limit, and it then declines (the
    /// resolver would ask the database). No write happens meanwhile, so the
    /// answer is the same whenever it comes.
    static func answer(_ locator: DriverLocator, lng: Double, lat: Double, radius: Double, first: Int)
        async throws -> Ranked
    {
        var answer: [DriverLocatorIndex.Found]?
        try await LocatorFixture.eventually("the locator serves", within: .seconds(30)) {
            answer = locator.nearest(lng: lng, lat: lat, maxDistance: radius, limit: first)
            return answer != nil
        }
        return (answer ?? []).map { ($0.id.objectID, $0.meters) }
    }

    /// A query point (on a driver, near one, or anywhere), a radius up to the
    /// 50 km cap and a page size.
    static func query(_ round: Int, stored: [BSONDocument], using random: inout SeededRandom)
        -> (Double, Double, Double, Int)
    {
        let document = stored.randomElement(using: &random)!
        var (lng, lat) = (0.0, 0.0)
        if case .document(let location)? = document["location"], case .array(let point)? = location["coordinates"],
            let x = NearbyDrivers.number(point[0]), let y = NearbyDrivers.number(point[1])
        {
            (lng, lat) = (x, y)
        }
        switch round % 3 {
        case 0: break
        case 1:
            lng = max(-180, min(180, lng + Double.random(in: -0.2...0.2, using: &random)))
            lat = max(-90, min(90, lat + Double.random(in: -0.2...0.2, using: &random)))
        default:
            lng = Double.random(in: -180...180, using: &random)
            lat = Double.random(in: -90...90, using: &random)
        }
        let radius =
            [100.0, 5_000, 20_000, 50_000].randomElement(using: &random)!
            * Double.random(in: 0.3...1, using: &random)
        return (lng, lat, radius, [1, 5, 20, 100].randomElement(using: &random)!)
    }

    /// Every stored driver that qualifies, measured and ranked here.
    static func scan(_ stored: [BSONDocument], lng: Double, lat: Double, radius: Double, first: Int) -> Ranked {
        let within: Ranked = stored.compactMap { document in
            guard case .objectID(let id)? = document["_id"], document["isOnline"] == .bool(true),
                document["isAvailable"] == .bool(true), document["status"] == .string("approved"),
                case .document(let location)? = document["location"],
                case .array(let point)? = location["coordinates"],
                let x = NearbyDrivers.number(point[0]), let y = NearbyDrivers.number(point[1])
            else { return nil }
            let meters = GreatCircle.meters(lng, lat, x, y)
            return meters <= radius ? (id, meters) : nil
        }
        return Array(within.sorted { ($0.meters, $0.id) < ($1.meters, $1.id) }.prefix(first))
    }

    static func geoNear(_ fixture: LocatorFixture, lng: Double, lat: Double, radius: Double, first: Int)
        async throws -> Ranked
    {
        let documents = try await fixture.drivers.aggregate([
            [
                "$geoNear": [
                    "near": ["type": "Point", "coordinates": [.double(lng), .double(lat)]],
                    "distanceField": "d", "maxDistance": .double(radius), "spherical": true, "key": "location",
                    "query": .document(DriverLocatorChangeFilter.qualifying),
                ]
            ],
            ["$limit": .int64(Int64(first))],
        ])
        return documents.compactMap { document in
            guard case .objectID(let id)? = document["_id"], let d = document["d"].flatMap(NearbyDrivers.number)
            else { return nil }
            return (id, d)
        }
    }

    static func same(_ a: Ranked, _ b: Ranked) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.id == $1.id && $0.meters == $1.meters }
    }

    /// The same distances in the same order (to a micrometre: the server
    /// computes them in another language), and the same drivers at each
    /// distance, except that the last distance may be cut by the page size
    /// in another order: `$geoNear` does not order ties by `_id`.
    static func sameRanking(_ ours: Ranked, _ theirs: Ranked) -> Bool {
        guard ours.count == theirs.count else { return false }
        guard zip(ours, theirs).allSatisfy({ abs($0.meters - $1.meters) < 1e-6 }) else { return false }
        var i = 0
        while i < ours.count {
            var j = i
            while j < ours.count && abs(ours[j].meters - ours[i].meters) < 1e-6 { j += 1 }
            let cut = j == ours.count
            if !cut && Set(ours[i..<j].map(\.id)) != Set(theirs[i..<j].map(\.id)) { return false }
            i = j
        }
        return true
    }
}

/// The locator's filter as the tests spell it (the data model's, written out).
enum DriverLocatorChangeFilter {
    static let qualifying: BSONDocument = ["isOnline": true, "isAvailable": true, "status": "approved"]
}
