import Foundation
import MongoStore

/// What a rescue costs, in integer cents (`docs/DATA-MODEL.md`, "Conventions"),
/// line by line as `Payment.breakdown` stores it.
struct RescuePrice: Sendable, Hashable {
    var basePrice: Int
    var distanceFee: Int
    var timeFee: Int
    var surgeFee: Int
    var tax: Int

    /// The total: base + distance + time + surge + tax (no discount is given here).
    var amount: Int { basePrice + distanceFee + timeFee + surgeFee + tax }
    /// SupportCarr's share: 20% of the total, rounded half up to a cent
    /// (`docs/DATA-MODEL.md`, "payments").
    var platformFee: Int { (amount * 20 + 50) / 100 }
    /// The driver's share: the rest.
    var driverPayout: Int { amount - platformFee }

    /// The lines as stored on the rescue (`priceQuote`) and in `payments.breakdown`;
    /// `surgeFee` only when there was a surge (the schema's "null when there was no surge").
    var breakdown: BSONDocument {
        var lines: BSONDocument = [
            "basePrice": .int64(Int64(basePrice)), "distanceFee": .int64(Int64(distanceFee)),
            "timeFee": .int64(Int64(timeFee)),
        ]
        if surgeFee > 0 { lines["surgeFee"] = .int64(Int64(surgeFee)) }
        lines["tax"] = .int64(Int64(tax))
        return lines
    }

    /// The price a stored breakdown (`priceQuote`) holds; nil when a line is missing.
    init?(breakdown: BSONDocument) {
        guard let base = try? breakdown["basePrice", as: Int.self],
            let distance = try? breakdown["distanceFee", as: Int.self],
            let time = try? breakdown["timeFee", as: Int.self], let tax = try? breakdown["tax", as: Int.self]
        else { return nil }
        self.init(
            basePrice: base, distanceFee: distance, timeFee: time,
            surgeFee: (try? breakdown["surgeFee", as: Int.self]) ?? 0, tax: tax)
    }

    init(basePrice: Int, distanceFee: Int, timeFee: Int, surgeFee: Int, tax: Int) {
        self.basePrice = basePrice
        self.distanceFee = distanceFee
        self.timeFee = timeFee
        self.surgeFee = surgeFee
        self.tax = tax
    }
}

/// The price quoted when a rescue is requested, from distance, time of day
/// and demand (`Schema.graphql`, `Mutation.createRescueRequest`, states the
/// same formula for clients). Completing the rescue charges the quote
/// (`finalPrice` = `estimatedPrice`): the rider pays what it was shown.
///
/// - distance: `miles`, the great-circle distance from pickup to drop-off (0
///   without a drop-off), to the hundredth of a mile;
/// - time on the job: the minutes the type of rescue takes on the spot
///   (`onSceneMinutes`) plus 4 a mile carried; `estimatedDuration` adds the
///   15 minutes a driver typically needs to arrive;
/// - base: 29.00 by day, 39.00 at night (22:00 to 06:00 at the pickup's
///   solar time: UTC plus one hour per 15° of longitude east);
/// - distance fee 2.75 a mile, time fee 0.40 a minute on the job;
/// - surge: `(open requests of the last hour within 5 km + 1) / max(available drivers within 5 km, 1)`,
///   held between 1 and 2; the surge fee is the subtotal times (surge − 1);
/// - tax: 8.625% (San Francisco sales tax) of subtotal + surge, to the cent.
enum RescuePricing {
    static let dayBase = 2900
    static let nightBase = 3900
    static let centsPerMile = 275
    static let centsPerMinute = 40
    static let carryMinutesPerMile = 4
    static let arrivalMinutes = 15
    /// Tax in hundred-thousandths (8.625%).
    static let taxRate = 8625
    static let maxSurge = 2.0
    /// How far around the pickup demand and supply are counted, in meters.
    static let surgeRadiusMeters = 5000
    static let metersPerMile = 1609.344

    /// Minutes on the spot by stored rescue type.
    static func onSceneMinutes(_ type: String) -> Int {
        switch type {
        case "flat_tire": 20
        case "dead_battery": 25
        case "out_of_charge": 15
        case "breakdown": 30
        case "transport": 10
        default: 25
        }
    }

    /// Miles between two points, to the hundredth.
    static func miles(from a: (lng: Double, lat: Double), to b: (lng: Double, lat: Double)) -> Double {
        (GreatCircle.meters(a.lng, a.lat, b.lng, b.lat) / metersPerMile * 100).rounded() / 100
    }

    /// The minutes on the job for a rescue of `type` carried `miles`.
    static func jobMinutes(type: String, miles: Double) -> Int {
        onSceneMinutes(type) + Int((miles * Double(carryMinutesPerMile)).rounded(.up))
    }

    /// The hour (0–23) at `lng`'s solar time at `instant`.
    static func localHour(at instant: BSONDate, lng: Double) -> Int {
        let utcHour = Int((instant.millisecondsSinceEpoch / 3_600_000) % 24)
        let offset = Int((lng / 15).rounded())
        return ((utcHour + offset) % 24 + 24) % 24
    }

    static func isNight(hour: Int) -> Bool { hour >= 22 || hour < 6 }

    /// The surge multiplier from demand and supply near the pickup.
    static func surge(openRequests: Int, availableDrivers: Int) -> Double {
        let ratio = Double(openRequests + 1) / Double(max(availableDrivers, 1))
        return min(maxSurge, max(1, ratio))
    }

    /// The quote.
    static func quote(type: String, miles: Double, at instant: BSONDate, pickupLng: Double, surge: Double)
        -> RescuePrice
    {
        let base = isNight(hour: localHour(at: instant, lng: pickupLng)) ? nightBase : dayBase
        let distance = Int((miles * Double(centsPerMile)).rounded())
        let time = jobMinutes(type: type, miles: miles) * centsPerMinute
        let subtotal = base + distance + time
        let surgeFee = Int((Double(subtotal) * (min(maxSurge, max(1, surge)) - 1)).rounded())
        let tax = ((subtotal + surgeFee) * taxRate + 50_000) / 100_000
        return RescuePrice(basePrice: base, distanceFee: distance, timeFee: time, surgeFee: surgeFee, tax: tax)
    }
}
