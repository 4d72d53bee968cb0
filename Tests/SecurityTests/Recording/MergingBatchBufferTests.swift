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

    @Test(
        "a failed write is counted and marks the buffer; the losses are written first by the next flush, which clears it"
    )
    func lossesAreWrittenDown() async {
        struct Failed: Error {}
        let batches = Batches()
        let failing = FailSwitch()
        let buffer = MergingBatchBuffer<Int, String>(
            capacity: 1, interval: .seconds(60), weight: { $0.hasPrefix("lost") ? 0 : 1 },
            lossEntry: { "lost dropped=\($0.dropped) failed=\($0.failed)" },
            writer: { batch in
                if await failing.on { throw Failed() }
                await batches.append(batch)
            })
        await failing.set(true)
        #expect(buffer.record(1, new: { "1" }) { _ in })
        #expect(!buffer.record(2, new: { "2" }) { _ in })  // full: dropped
        await buffer.flush()
        #expect(buffer.counters.lastWriteFailed)
        #expect(buffer.counters.failed == 1)
        #expect(buffer.counters.failedBatches == 1)
        #expect(buffer.counters.dropped == 1)

        // Nothing waits, but the losses do: the next flush writes them down.
        await failing.set(false)
        await buffer.flush()
        #expect(!buffer.counters.lastWriteFailed)
        #expect(await batches.all == [["lost dropped=1 failed=1"]])
        #expect(buffer.counters.written == 0)
        // Reported once: a later flush has nothing to say about them.
        buffer.record(3, new: { "3" }) { _ in }
        await buffer.flush()
        #expect(await batches.all == [["lost dropped=1 failed=1"], ["3"]])
    }

    actor FailSwitch {
        var on = false
        func set(_ value: Bool) { on = value }
    }
}
