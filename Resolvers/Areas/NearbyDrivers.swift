import DataModel
import Enforcement
import Foundation
import GraphQLEngine
public import MongoStore

/// `Query.nearbyDrivers`: approved, online, available drivers nearest first.
///
/// **From the driver locator when it can answer** (`DriverLocator`: an
/// in-memory index of the qualifying drivers kept current by a change stream;
/// docs/DATA-MODEL.md, "Critical queries"): it ranks the ids, nearest first,
/// `first` plus ``locatorSlack`` of them; their documents are read with one
/// `{_id: {$in: [...]}}` find with the caller's row rule ANDed in, those no
/// longer online, available and approved are dropped here, and the rest are
/// ranked again by ``nearest(_:lng:lat:maxDistance:first:)`` from the
/// positions they hold now. So what is returned is what the database holds at
/// the read, through the row rule and the field pipeline; only a driver who
/// became free or moved into the circle within the locator's staleness bound
/// can be missing. When more than `locatorSlack` of the ranked drivers no
/// longer qualify, the database query below answers instead.
///
/// **From the database otherwise**: while the locator is loading, broken,
/// catching up or over capacity (it then returns nil), when none is given
/// (tests, tools), and for callers whose row rule limits driver profiles
/// (drivers see only their own: a rule applied after the locator's cut could
/// drop every ranked driver). One find on the `location` 2dsphere index:
/// `$geoWithin` a sphere of `maxDistanceMeters` around the point, with the
/// status filters; the distances are then computed here (haversine on
/// MongoDB's sphere radius) and the nearest `first` kept. Why not the obvious
/// queries: SecantusDB's `find` with `$near` returns documents in stored
/// order, not by distance, and its `$geoNear` aggregation stage explains as a
/// collection scan; this query explains as an index scan and its order is
/// ours. The candidates are the free drivers inside the circle, at most
/// `candidateLimit` of them.
///
/// `maxDistanceMeters` is at most ``maxDistanceCap`` (50 km): without a cap
/// one call could list the drivers of a continent.
public enum NearbyDrivers {
    /// MongoDB's spherical-geometry earth radius, in meters.
    public static let earthRadius = GreatCircle.earthRadius
    /// The most candidates read from the circle (a guard against a huge radius in a dense city).
    static let candidateLimit = 5000
    /// The largest `maxDistanceMeters` accepted (Schema.graphql and README say so).
    public static let maxDistanceCap = 50_000
    /// How many drivers beyond `first` the locator ranks, so that a few who
    /// stopped qualifying since its last event do not shorten the answer.
    static let locatorSlack = 10

    /// The resolvers of this area: `Query.nearbyDrivers` over `locator` (nil: the database only).
    static func map(locator: DriverLocator?) -> ResolverMap {
        ["Query": ["nearbyDrivers": .sync { field in try resolve(field, locator: locator) }]]
    }

    static func resolve(_ field: FieldContext, locator: DriverLocator?) throws -> ResolvedValue {
        let first = field.arguments["first", as: Int.self] ?? 20
        // The largest `first` is the engine's page-size limit (`QueryLimits.maxPageSize`).
        guard first >= 1 else { throw UserInputError("Argument \"first\" must be at least 1; got \(first).") }
        let maxDistance = field.arguments["maxDistanceMeters", as: Int.self] ?? 5000
        guard maxDistance >= 0 else { throw UserInputError("Argument \"maxDistanceMeters\" must not be negative.") }
        guard maxDistance <= maxDistanceCap else {
            throw UserInputError(
                "Argument \"maxDistanceMeters\" must be at most \(maxDistanceCap) (50 km); got \(maxDistance).")
        }
        guard case .object(let near)? = field.arguments["near"],
            let lng = near.first(where: { $0.key == "lng" }).flatMap({ Double(argumentValue: $0.value) }),
            let lat = near.first(where: { $0.key == "lat" }).flatMap({ Double(argumentValue: $0.value) }),
            (-180...180).contains(lng), (-90...90).contains(lat)
        else { throw UserInputError("Argument \"near\" needs lng in [-180, 180] and lat in [-90, 90].") }
        let context = try field.accessContext()
        let collection = context.database.collection(Collections.driverProfiles.name)
        // The search is itself the grant: the rows and fields it may read are
        // the discovery rule's (a rider finds nearby free drivers it may not
        // otherwise see, and of them only position and rating).
        let (geoFilter, projection) = context.restrictDiscovery(
            self.filter(lng: lng, lat: lat, maxDistance: maxDistance), in: .driverProfiles)
        let fromDatabase = { @Sendable () async throws -> [(distance: Double, driver: BSONDocument)] in
            let documents = try await collection.find(
                geoFilter,
                options: FindOptions(projection: projection, limit: candidateLimit, batchSize: candidateLimit))
            return nearest(documents, lng: lng, lat: lat, maxDistance: Double(maxDistance), first: first)
        }
        guard let locator, context.restrictDiscovery([:], in: .driverProfiles).filter.isEmpty,
            let ranked = locator.nearest(
                lng: lng, lat: lat, maxDistance: Double(maxDistance), limit: first + locatorSlack)
        else { return .async { answer(try await fromDatabase()) } }
        if ranked.isEmpty { return .list([]) }
        // Only the ids go to the database, and whether each driver still
        // qualifies (online, available, approved) is checked here on what was
        // read, by the test the locator applies to change events
        // (`DriverLocatorChange.of(document:)`). The embedded database plans a
        // find on the index of its filter's first field (with `isOnline` first,
        // a scan of every profile: 300 ms at 10,000 drivers, against 3 ms), and
        // even with `_id` first the three conditions beside it cost it more
        // than the ids alone (30 ids at 10,000 drivers: 8.7 against 6.3 ms in
        // one measurement, 10.4 against 4.2 in another). A document the
        // discovery projection left without those fields does not qualify, so
        // the check can only drop drivers, never show one the filter would not.
        let byID: BSONDocument = ["_id": ["$in": .array(ranked.map { .objectID($0.id.objectID) })]]
        let idFilter = context.restrictDiscovery(byID, in: .driverProfiles).filter
        let proposed = ranked.count
        return .async {
            let documents = try await collection.find(
                idFilter, options: FindOptions(projection: projection, batchSize: proposed)
            ).filter { document in
                if case .qualifies = DriverLocatorChange.of(document: document) { return true }
                return false
            }
            let found = nearest(documents, lng: lng, lat: lat, maxDistance: Double(maxDistance), first: first)
            if found.count < first && proposed == first + locatorSlack { return answer(try await fromDatabase()) }
            return answer(found)
        }
    }

    static func answer(_ found: [(distance: Double, driver: BSONDocument)]) -> ResolvedValue {
        .list(
            found.map { item in
                .object(
                    NearbyDriverSource(
                        distance: .double(item.distance),
                        driver: DocumentSource(item.driver, typeName: Collections.driverProfiles.entityTypeName)))
            })
    }

    /// The find filter: free, approved drivers inside the circle.
    public static func filter(lng: Double, lat: Double, maxDistance: Int) -> BSONDocument {
        [
            "location": [
                "$geoWithin": [
                    "$centerSphere": [[.double(lng), .double(lat)], .double(Double(maxDistance) / earthRadius)]
                ]
            ],
            "isOnline": true, "isAvailable": true, "status": "approved",
        ]
    }

    /// The `first` nearest of `documents` within `maxDistance`, nearest first (ties by `_id`).
    public static func nearest(
        _ documents: [BSONDocument], lng: Double, lat: Double, maxDistance: Double, first: Int
    ) -> [(distance: Double, driver: BSONDocument)] {
        let measured: [(distance: Double, driver: BSONDocument)] = documents.compactMap { document in
            guard case .document(let location)? = document["location"],
                case .array(let point)? = location["coordinates"],
                point.count == 2, let dLng = number(point[0]), let dLat = number(point[1])
            else { return nil }
            let distance = meters(lng, lat, dLng, dLat)
            return distance <= maxDistance ? (distance, document) : nil
        }
        let sorted = measured.sorted { left, right in
            if left.distance != right.distance { return left.distance < right.distance }
            return String(describing: left.driver["_id"]) < String(describing: right.driver["_id"])
        }
        return Array(sorted.prefix(first))
    }

    public static func number(_ value: BSONValue) -> Double? {
        switch value {
        case .double(let n): return n
        case .int32(let n): return Double(n)
        case .int64(let n): return Double(n)
        default: return nil
        }
    }

    /// Great-circle distance in meters (haversine on MongoDB's sphere): `GreatCircle.meters`.
    public static func meters(_ lng1: Double, _ lat1: Double, _ lng2: Double, _ lat2: Double) -> Double {
        GreatCircle.meters(lng1, lat1, lng2, lat2)
    }
}

/// One `NearbyDriver`: the driver and how far away they are.
struct NearbyDriverSource: FieldSource {
    let distance: BSONValue
    let driver: DocumentSource
    func fieldValue(named name: String) -> ResolvedValue {
        switch name {
        case "distanceMeters": return BSONConversion.resolved(distance)
        case "driver": return .object(driver)
        default: return .null
        }
    }
}
