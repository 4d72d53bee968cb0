import Foundation
import MongoStore

/// Millisecond arithmetic for demo timestamps.
enum DemoTime {
    static let second: Int64 = 1000
    static let minute: Int64 = 60 * second
    static let hour: Int64 = 60 * minute
    static let day: Int64 = 24 * hour
    static let week: Int64 = 7 * day

    /// The Monday 00:00 UTC on or before `ms` (1970-01-05 was a Monday).
    static func weekStart(_ ms: Int64) -> Int64 {
        let monday: Int64 = 4 * day
        let offset = ms - monday
        let weeks = offset >= 0 ? offset / week : (offset - week + 1) / week
        return monday + weeks * week
    }
}

/// Deterministic ObjectIds: the 4-byte time part from the document's own
/// creation time (so `_id` order follows time, as with real ids) and 8 bytes
/// from the seeded generator.
enum DemoIds {
    static func make(at milliseconds: Int64, random: inout SplitMix64) -> ObjectID {
        let seconds = UInt32(clamping: max(0, milliseconds / 1000))
        let tail = random.next()
        var bytes: [UInt8] = [
            UInt8(truncatingIfNeeded: seconds >> 24), UInt8(truncatingIfNeeded: seconds >> 16),
            UInt8(truncatingIfNeeded: seconds >> 8), UInt8(truncatingIfNeeded: seconds),
        ]
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: tail >> UInt64(shift)))
        }
        // Twelve bytes by construction.
        return ObjectID(bytes: bytes) ?? ObjectID()
    }
}

/// GeoJSON helpers.
enum DemoGeo {
    /// Six decimals: about 11 cm, what a phone's GPS reports.
    static func round(_ degrees: Double) -> Double {
        (degrees * 1_000_000).rounded() / 1_000_000
    }

    /// A GeoJSON Point, `[longitude, latitude]` as GeoJSON orders them (RFC 7946 §3.1.1).
    static func point(lng: Double, lat: Double) -> BSONDocument {
        ["type": "Point", "coordinates": [.double(lng), .double(lat)]]
    }

    /// Distance in miles between two points (haversine).
    static func miles(lng1: Double, lat1: Double, lng2: Double, lat2: Double) -> Double {
        let radius = 3958.8
        let toRadians = Double.pi / 180
        let dLat = (lat2 - lat1) * toRadians
        let dLng = (lng2 - lng1) * toRadians
        let a =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(lat1 * toRadians) * cos(lat2 * toRadians) * sin(dLng / 2) * sin(dLng / 2)
        return radius * 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
    }
}

extension BSONDate {
    init(ms: Int64) { self.init(millisecondsSinceEpoch: ms) }
}

extension BSONValue {
    static func date(ms: Int64) -> BSONValue { .date(BSONDate(millisecondsSinceEpoch: ms)) }
    static func int(_ value: Int) -> BSONValue { value.bsonValue }
}
