import Foundation
import MongoStore

/// The client-side half of `nearbyDrivers`, as the resolver does it: haversine
/// distance on MongoDB's sphere radius, nearest `first` within the radius.
enum Geo {
    static let earthRadius = 6_378_100.0

    static func nearest(_ documents: [BSONDocument], lng: Double, lat: Double, maxDistance: Double, first: Int)
        -> [(Double, BSONDocument)]
    {
        let measured: [(Double, BSONDocument)] = documents.compactMap { document in
            guard case .document(let location)? = document["location"], case .array(let point)? = location["coordinates"],
                point.count == 2, let dLng = number(point[0]), let dLat = number(point[1])
            else { return nil }
            let distance = meters(lng, lat, dLng, dLat)
            return distance <= maxDistance ? (distance, document) : nil
        }
        return Array(measured.sorted { $0.0 < $1.0 }.prefix(first))
    }

    static func number(_ value: BSONValue) -> Double? {
        switch value {
        case .double(let n): return n
        case .int32(let n): return Double(n)
        case .int64(let n): return Double(n)
        default: return nil
        }
    }

    static func meters(_ lng1: Double, _ lat1: Double, _ lng2: Double, _ lat2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians
        let dLng = (lng2 - lng1) * radians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLng / 2) * sin(dLng / 2)
        return 2 * earthRadius * asin(min(1, a.squareRoot()))
    }
}
