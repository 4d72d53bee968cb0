import MongoStore
import Testing

@testable import Security

struct WriteFailed: Error {}

@Suite("API key usage recorder")
struct APIKeyUsageRecorderTests {
    func date(_ ms: Int64) -> BSONDate { BSONDate(millisecondsSinceEpoch: ms) }

    @Test("many uses of a few keys become one batch with a count and the latest time per key")
    func batching() async {
        let log = BatchLog()
        let recorder = APIKeyUsageRecorder { await log.append($0) }
        let keys = [ObjectID(), ObjectID(), ObjectID()]
        for index in 0..<300 {
            recorder.record(keyId: keys[index % 3], at: date(Int64(1_000 + (index * 7919) % 1_000)))
        }
        #expect(recorder.statistics.pendingKeys == 3)
        await recorder.flush()
        let batches = await log.batches
        #expect(batches.count == 1)
        #expect(batches[0].count == 3)
        #expect(batches[0].allSatisfy { $0.count == 100 })
        for usage in batches[0] {
            let position = keys.firstIndex(of: usage.keyId) ?? -1
            let latest = (0..<300).filter { $0 % 3 == position }.map { Int64(1_000 + ($0 * 7919) % 1_000) }.max()
            #expect(usage.lastUsedAt == date(latest ?? -1))
        }
        #expect(recorder.statistics.writtenCount == 300)
        await recorder.flush()
        #expect(await log.batches.count == 1)  // nothing pending, nothing written
    }

    @Test("when the table is full, uses of new keys are dropped and counted; known keys still count")
    func bounded() async {
        let log = BatchLog()
        let recorder = APIKeyUsageRecorder(capacity: 2) { await log.append($0) }
        let a = ObjectID()
        let b = ObjectID()
        let c = ObjectID()
        recorder.record(keyId: a, at: date(1))
        recorder.record(keyId: b, at: date(1))
        recorder.record(keyId: c, at: date(1))
        recorder.record(keyId: c, at: date(2))
        recorder.record(keyId: a, at: date(3))
        #expect(recorder.droppedCount == 2)
        await recorder.flush()
        let batch = await log.batches.first ?? []
        #expect(Set(batch.map(\.keyId)) == [a, b])
        #expect(batch.first { $0.keyId == a }?.count == 2)
        recorder.record(keyId: c, at: date(4))  // room again after the flush
        #expect(recorder.statistics.pendingKeys == 1)
    }

    @Test("a failed write loses its batch, counted as failed, and the recorder keeps going")
    func failure() async {
        let recorder = APIKeyUsageRecorder { _ in throw WriteFailed() }
        recorder.record(keyId: ObjectID(), at: date(1))
        recorder.record(keyId: ObjectID(), at: date(1))
        await recorder.flush()
        #expect(recorder.statistics.failedIncrements == 2)
        #expect(recorder.statistics.pendingKeys == 0)
        #expect(recorder.statistics.writtenCount == 0)
    }

    @Test("run flushes on its interval and once more when cancelled")
    func run() async throws {
        let log = BatchLog()
        let recorder = APIKeyUsageRecorder(interval: .milliseconds(20)) { await log.append($0) }
        let task = Task { await recorder.run() }
        recorder.record(keyId: ObjectID(), at: date(1))
        for _ in 0..<200 where await log.batches.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await log.batches.count == 1)
        recorder.record(keyId: ObjectID(), at: date(2))
        task.cancel()
        await task.value
        #expect(await log.batches.count == 2)
    }
}
