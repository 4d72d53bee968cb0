import Testing

@testable import GraphQLEngine

/// The result tree's slots are copied whenever the slot array grows, so their
/// size is part of the cost of every response.
@Suite struct ResultTreeLayoutTests {
    @Test(.enabled(if: MemoryLayout<Int>.size == 8, "the sizes below are for 64-bit platforms"))
    func aSlotTakesThirtyTwoBytes() {
        #expect(MemoryLayout<ResultSlot>.stride == 32)
    }
}
