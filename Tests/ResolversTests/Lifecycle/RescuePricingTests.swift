import MongoStore
import Testing

@testable import Resolvers

@Suite struct RescuePricingTests {
    @Test func theQuoteFollowsTheStatedFormula() {
        // 2026-12-06 18:00 UTC at longitude -122.4 (UTC-8 solar): 10:00, day.
        let day = BSONDate(millisecondsSinceEpoch: 1_796_580_000_000)
        let quote = RescuePricing.quote(type: "flat_tire", miles: 2.5, at: day, pickupLng: -122.4, surge: 1)
        #expect(quote.basePrice == 2900)
        #expect(quote.distanceFee == 688)  // 2.5 × 275 = 687.5, rounded
        #expect(quote.timeFee == (20 + 10) * 40)
        #expect(quote.surgeFee == 0)
        #expect(quote.tax == ((2900 + 688 + 1200) * 8625 + 50_000) / 100_000)
        #expect(quote.amount == 2900 + 688 + 1200 + quote.tax)
        #expect(quote.platformFee + quote.driverPayout == quote.amount)
        // 2026-12-07 08:00 UTC there is midnight: the night base.
        let night = BSONDate(millisecondsSinceEpoch: 1_796_630_400_000)
        #expect(
            RescuePricing.quote(type: "flat_tire", miles: 0, at: night, pickupLng: -122.4, surge: 1).basePrice == 3900)
    }

    @Test func surgeIsDemandOverSupplyHeldBetweenOneAndTwo() {
        #expect(RescuePricing.surge(openRequests: 0, availableDrivers: 0) == 1)
        #expect(RescuePricing.surge(openRequests: 2, availableDrivers: 2) == 1.5)
        #expect(RescuePricing.surge(openRequests: 9, availableDrivers: 1) == 2)
        #expect(RescuePricing.surge(openRequests: 0, availableDrivers: 5) == 1)
        let surged = RescuePricing.quote(
            type: "transport", miles: 0, at: BSONDate(millisecondsSinceEpoch: 1_796_580_000_000), pickupLng: -122.4,
            surge: 1.5)
        #expect(surged.surgeFee == (2900 + 400) / 2)
        #expect(surged.breakdown["surgeFee"] == .int64(Int64(surged.surgeFee)))
        #expect(RescuePrice(breakdown: surged.breakdown) == surged)
    }
}
