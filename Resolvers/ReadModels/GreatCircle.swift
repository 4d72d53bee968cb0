import Foundation

/// Distances on MongoDB's sphere, the one its spherical queries (`$near` with
/// a GeoJSON point, `$centerSphere`) measure on: radius 6,378,100 m
/// (https://www.mongodb.com/docs/manual/reference/operator/query/centerSphere/
/// converts with it). The database query of `nearbyDrivers` and the driver
/// locator both measure with ``meters(_:_:_:_:)``, so they agree to the last bit.
public enum GreatCircle {
    /// MongoDB's spherical-geometry earth radius, in meters.
    public static let earthRadius = 6_378_100.0

    /// Great-circle distance in meters between two `(lng, lat)` points in
    /// degrees (haversine, exact across the antimeridian: the formula only
    /// sees the longitude difference through `sin²(Δλ/2)`, which has period 360°).
    public static func meters(_ lng1: Double, _ lat1: Double, _ lng2: Double, _ lat2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians
        let dLng = (lng2 - lng1) * radians
        let a =
            sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLng / 2) * sin(dLng / 2)
        return 2 * earthRadius * asin(min(1, a.squareRoot()))
    }

    /// The latitude and longitude ranges, in degrees, that hold every point
    /// within `meters` of `(lng, lat)`: the bounding box of a spherical cap.
    /// The cap spans `±meters / R` radians of latitude; its half-width in
    /// longitude is `asin(sin(d) / cos(lat))`, the longitude of the point where
    /// a meridian touches the cap (https://en.wikipedia.org/wiki/Spherical_cap;
    /// the derivation is the spherical law of sines on the right triangle pole,
    /// centre, touching point). A cap reaching a pole spans every longitude.
    /// The box is widened by `margin` degrees so that rounding never drops a
    /// point the exact distance test would keep.
    static func boundingBox(lng: Double, lat: Double, meters: Double, margin: Double = 1e-7) -> (
        latitudes: ClosedRange<Double>, longitudeHalfWidth: Double?
    ) {
        let angle = meters / earthRadius
        let degrees = angle * 180 / Double.pi
        let latitudes = max(-90, lat - degrees - margin)...min(90, lat + degrees + margin)
        // Reaching (or rounding close to) a pole: every longitude.
        guard abs(lat) + degrees + margin < 90, angle < Double.pi / 2 else { return (latitudes, nil) }
        let ratio = sin(angle) / cos(lat * Double.pi / 180)
        guard ratio < 1 else { return (latitudes, nil) }
        let halfWidth = asin(ratio) * 180 / Double.pi + margin
        return (latitudes, halfWidth >= 180 ? nil : halfWidth)
    }
}
