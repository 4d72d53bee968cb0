import Testing

@testable import Security

@Suite("merging batch buffer")
struct MergingBatchBufferTests {
    actor Batches {
        var all: [[String]] = []
        func append(_ batch: [String]) { all.append(batch) }
    }

    @Test("a batch lists its keys in first-record order, merged, and weighs what it wrote")
    func orderMergeAndWeight() async {
        let batches = Batches()
        let buffer = MergingBatchBuffer<Int, String>(
            capacity: 10, interval: .seconds(60), weight: { Int64($0.count) }, writer: { await batches.append($0) })
        for key in [3, 1, 3, 2, 1, 3] {
            buffer.record(key, new: { "\(key)" }) { $0 += "\(key)" }
        }
        #expect(buffer.counters.pendingKeys == 3)
        await buffer.flush()
        #expect(await batches.all == [["333", "11", "2"]])
        #expect(buffer.counters.written == 6)
        #expect(buffer.counters.batches == 1)
        #expect(buffer.counters.pendingKeys == 0)
    }

    @Test("a full table drops new keys, still merges known ones, and has room again after a flush")
    func bound() async {
        let buffer = MergingBatchBuffer<Int, Int>(capacity: 1, interval: .seconds(60), weight: { Int64($0) }) { _ in }
        buffer.record(1, new: { 1 }) { $0 += 1 }
        buffer.record(2, new: { 1 }) { $0 += 1 }
        buffer.record(1, new: { 1 }) { $0 += 1 }
        #expect(buffer.counters.dropped == 1)
        await buffer.flush()
        #expect(buffer.counters.written == 2)
        buffer.record(2, new: { 1 }) { $0 += 1 }
        #expect(buffer.counters.pendingKeys == 1)
    }
}
