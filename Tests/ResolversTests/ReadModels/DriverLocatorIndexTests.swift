import MongoStore
import Resolvers
import Testing

/// The spatial index alone (no database): its searches equal a brute-force
/// scan of every driver, across the antimeridian and at the poles, with ties by id.
@Suite("Driver locator index")
struct DriverLocatorIndexTests {
    typealias Index = DriverLocatorIndex

    /// Points spread over the places where a latitude-band index could go
    /// wrong: both sides of the antimeridian, the poles and the bands next to
    /// them, the equator and the prime meridian, and a dense city.
    static func clusteredPoints(_ count: Int, using random: inout some RandomNumberGenerator) -> [Index.Point] {
        let centres: [(Double, Double)] = [
            (-122.42, 37.77), (179.97, -16.5), (-179.98, -16.45), (180, 0), (-180, 10), (0, 0),
            (12.5, 89.97), (-70, 89.5), (100, -89.99), (0, 90), (0, -90), (151.2, -33.86),
        ]
        return (0..<count).map { _ in
            let (lng, lat) = centres.randomElement(using: &random)!
            let spread = [0.01, 0.1, 0.5].randomElement(using: &random)!
            var pointLng = lng + Double.random(in: -spread...spread, using: &random)
            if pointLng > 180 { pointLng -= 360 }
            if pointLng < -180 { pointLng += 360 }
            let pointLat = min(90, max(-90, lat + Double.random(in: -spread...spread, using: &random)))
            return Index.Point(lng: pointLng, lat: pointLat)
        }
    }

    @Test("Searches equal a scan of every driver, for many points and radii up to the 50 km cap")
    func searchesEqualABruteForceScan() {
        var random = SeededRandom(seed: 42)
        var index = Index()
        let points = Self.clusteredPoints(5_000, using: &random)
        for point in points { index.place(Index.DriverID(ObjectID()), at: point) }
        #expect(index.count == points.count)
        var nonEmpty = 0
        for round in 0..<600 {
            let base = points.randomElement(using: &random)!
            // Mostly near drivers, sometimes anywhere, sometimes exactly on one.
            let (lng, lat): (Double, Double) =
                switch round % 3 {
                case 0: (base.lng, base.lat)
                case 1:
                    (
                        max(-180, min(180, base.lng + Double.random(in: -0.3...0.3, using: &random))),
                        max(-90, min(90, base.lat + Double.random(in: -0.3...0.3, using: &random)))
                    )
                default: (Double.random(in: -180...180, using: &random), Double.random(in: -90...90, using: &random))
                }
            let radius =
                [0, 1, 500, 5_000, 20_000, 50_000].randomElement(using: &random)!
                * Double.random(in: 0.5...1, using: &random)
            let limit = [1, 20, 100, 10_000].randomElement(using: &random)!
            let found = index.nearest(lng: lng, lat: lat, maxDistance: radius, limit: limit)
            let scanned = index.nearestByScanningAll(lng: lng, lat: lat, maxDistance: radius, limit: limit)
            #expect(found == scanned, "round \(round): (\(lng), \(lat)) within \(radius) m, first \(limit)")
            if !found.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 300, "most searches find someone")
    }

    @Test("Drivers on both sides of the antimeridian are found from either side")
    func antimeridian() {
        var index = Index()
        let east = Index.DriverID(ObjectID())
        let west = Index.DriverID(ObjectID())
        index.place(east, at: Index.Point(lng: 179.99, lat: -16.5))
        index.place(west, at: Index.Point(lng: -179.99, lat: -16.5))
        for lng in [179.999, -179.999, 180, -180] {
            let found = index.nearest(lng: lng, lat: -16.5, maxDistance: 5_000, limit: 20)
            #expect(Set(found.map(\.id)) == [east, west], "from \(lng)")
        }
    }

    @Test("Near a pole every longitude is searched")
    func poles() {
        var index = Index()
        let ids = (0..<8).map { _ in Index.DriverID(ObjectID()) }
        for (i, id) in ids.enumerated() { index.place(id, at: Index.Point(lng: Double(i) * 45 - 180, lat: 89.98)) }
        // 0.02° of latitude from the pole is about 2.2 km: all eight lie within 5 km of it.
        let found = index.nearest(lng: 0, lat: 90, maxDistance: 5_000, limit: 20)
        #expect(Set(found.map(\.id)) == Set(ids))
        let south = Index.DriverID(ObjectID())
        index.place(south, at: Index.Point(lng: 33, lat: -90))
        #expect(index.nearest(lng: -150, lat: -89.99, maxDistance: 2_000, limit: 5).map(\.id) == [south])
    }

    @Test("Equal distances are ordered by id, the ids' byte order")
    func tiesByID() {
        var index = Index()
        let ids = (0..<30).map { _ in ObjectID() }.shuffled()
        let spot = Index.Point(lng: -122.4, lat: 37.77)
        for id in ids { index.place(Index.DriverID(id), at: spot) }
        let found = index.nearest(lng: -122.41, lat: 37.77, maxDistance: 5_000, limit: 10)
        #expect(found.map(\.id.objectID) == Array(ids.sorted().prefix(10)))
        #expect(found.map(\.id.objectID.hex) == Array(ids.map(\.hex).sorted().prefix(10)))
        #expect(Set(found.map(\.meters)).count == 1)
    }

    @Test("A driver exactly at the distance is within it")
    func boundaryIsInclusive() {
        var index = Index()
        let id = Index.DriverID(ObjectID())
        index.place(id, at: Index.Point(lng: 2.35, lat: 48.86))
        let exact = GreatCircle.meters(2.3, 48.8, 2.35, 48.86)
        #expect(index.nearest(lng: 2.3, lat: 48.8, maxDistance: exact, limit: 1).map(\.id) == [id])
        #expect(index.nearest(lng: 2.3, lat: 48.8, maxDistance: exact.nextDown, limit: 1).isEmpty)
    }

    @Test("Moving a driver moves it; removing it removes it; placing it twice keeps one")
    func updates() {
        var index = Index()
        let id = Index.DriverID(ObjectID())
        index.place(id, at: Index.Point(lng: 10, lat: 10))
        index.place(id, at: Index.Point(lng: 10, lat: 10))
        #expect(index.count == 1)
        index.place(id, at: Index.Point(lng: 10.3, lat: 10.2))
        #expect(index.count == 1)
        #expect(index.nearest(lng: 10, lat: 10, maxDistance: 1_000, limit: 5).isEmpty)
        #expect(index.nearest(lng: 10.3, lat: 10.2, maxDistance: 1_000, limit: 5).map(\.id) == [id])
        #expect(index.position(of: id) == Index.Point(lng: 10.3, lat: 10.2))
        index.remove(id)
        index.remove(id)
        #expect(index.count == 0)
        #expect(index.nearest(lng: 10.3, lat: 10.2, maxDistance: 1_000, limit: 5).isEmpty)
    }

    @Test("Searches still equal a scan after many moves and removals")
    func churn() {
        var random = SeededRandom(seed: 7)
        var index = Index()
        var ids: [Index.DriverID] = []
        for point in Self.clusteredPoints(2_000, using: &random) {
            let id = Index.DriverID(ObjectID())
            ids.append(id)
            index.place(id, at: point)
        }
        let moves = Self.clusteredPoints(6_000, using: &random)
        for (i, point) in moves.enumerated() {
            let id = ids.randomElement(using: &random)!
            if i % 5 == 0 { index.remove(id) } else { index.place(id, at: point) }
        }
        for point in moves.prefix(200) {
            #expect(
                index.nearest(lng: point.lng, lat: point.lat, maxDistance: 30_000, limit: 50)
                    == index.nearestByScanningAll(lng: point.lng, lat: point.lat, maxDistance: 30_000, limit: 50))
        }
    }

    @Test("A packed id keeps the ObjectID's bytes and order")
    func packedIDs() {
        let ids =
            (0..<200).map { _ in ObjectID() } + [
                ObjectID("ffffffffffffffffffffffff")!, ObjectID("000000000000000000000000")!,
            ]
        for id in ids { #expect(Index.DriverID(id).objectID == id) }
        let sorted = ids.sorted()
        #expect(sorted.map { Index.DriverID($0) } == ids.map { Index.DriverID($0) }.sorted())
    }
}

/// A small deterministic generator (SplitMix64), so a failing case can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
