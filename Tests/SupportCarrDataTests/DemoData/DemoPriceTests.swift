import Testing

@testable import SupportCarrData

@Suite("Demo prices and weeks")
struct DemoPriceTests {
    @Test("the breakdown adds up to the amount and the platform fee is 20% rounded to the cent")
    func breakdown() {
        var random = SplitMix64(seed: 99)
        for _ in 0..<2_000 {
            let price = DemoPrice.make(miles: random.double(0...12), minutes: random.int(5...60), random: &random)
            #expect(
                price.basePrice + price.distanceFee + price.timeFee + price.surgeFee - price.discount + price.tax
                    == price.amount)
            #expect(price.platformFee + price.driverPayout == price.amount)
            let exact = Double(price.amount) * 0.2
            #expect(abs(Double(price.platformFee) - exact) <= 0.5)
        }
    }

    @Test("payout weeks start on Monday 00:00 UTC")
    func weeks() {
        let tuesday: Int64 = 1_795_478_400_000  // 2026-11-24
        #expect(DemoTime.weekStart(tuesday) == tuesday - DemoTime.day)
        #expect(DemoTime.weekStart(tuesday - DemoTime.day) == tuesday - DemoTime.day)
        #expect(DemoTime.weekStart(tuesday - DemoTime.day - 1) == tuesday - 8 * DemoTime.day)
    }

    @Test("SplitMix64 is the published generator (first outputs for seed 0)")
    func splitMix() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
