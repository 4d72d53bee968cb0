import DataModel
import Enforcement
import Foundation
import GraphQLEngine
public import MongoStore

/// `Query.nearbyDrivers`: approved, online, available drivers nearest first.
///
/// One find on the `location` 2dsphere index: `$geoWithin` a sphere of
/// `maxDistanceMeters` around the point, with the status filters; the
/// distances are then computed here (haversine on MongoDB's sphere radius)
/// and the nearest `first` kept. Why not the obvious queries: SecantusDB's
/// `find` with `$near` returns documents in stored order, not by distance, and
/// its `$geoNear` aggregation stage explains as a collection scan; this query
/// explains as an index scan and its order is ours. The candidates are the
/// free drivers inside the circle, at most `candidateLimit` of them.
public enum NearbyDrivers {
    /// MongoDB's spherical-geometry earth radius, in meters.
    public static let earthRadius = 6_378_100.0
    /// The most candidates read from the circle (a guard against a huge radius in a dense city).
    static let candidateLimit = 5000

    static func resolve(_ field: FieldContext) throws -> ResolvedValue {
        let first = field.arguments["first", as: Int.self] ?? 20
        // The largest `first` is the engine's page-size limit (`QueryLimits.maxPageSize`).
        guard first >= 1 else { throw UserInputError("Argument \"first\" must be at least 1; got \(first).") }
        let maxDistance = field.arguments["maxDistanceMeters", as: Int.self] ?? 5000
        guard maxDistance >= 0 else { throw UserInputError("Argument \"maxDistanceMeters\" must not be negative.") }
        guard case .object(let near)? = field.arguments["near"],
            let lng = near.first(where: { $0.key == "lng" }).flatMap({ Double(argumentValue: $0.value) }),
            let lat = near.first(where: { $0.key == "lat" }).flatMap({ Double(argumentValue: $0.value) }),
            (-180...180).contains(lng), (-90...90).contains(lat)
        else { throw UserInputError("Argument \"near\" needs lng in [-180, 180] and lat in [-90, 90].") }
        let context = try field.accessContext()
        let database = context.database
        let filter = context.restrict(self.filter(lng: lng, lat: lat, maxDistance: maxDistance), in: .driverProfiles)
        return .async {
            let documents = try await database.collection(Collections.driverProfiles.name).find(
                filter, options: FindOptions(limit: candidateLimit, batchSize: candidateLimit))
            return .list(
                nearest(documents, lng: lng, lat: lat, maxDistance: Double(maxDistance), first: first).map { item in
                    .object(NearbyDriverSource(distance: .double(item.distance), driver: DocumentSource(item.driver)))
                })
        }
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

    /// Great-circle distance in meters (haversine).
    public static func meters(_ lng1: Double, _ lat1: Double, _ lng2: Double, _ lat2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians
        let dLng = (lng2 - lng1) * radians
        let a =
            sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLng / 2) * sin(dLng / 2)
        return 2 * earthRadius * asin(min(1, a.squareRoot()))
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
