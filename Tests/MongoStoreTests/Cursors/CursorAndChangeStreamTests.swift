import MongoStore
import Synchronization
import Testing

@Suite struct CursorAndChangeStreamTests {
    @Test func aCursorFetchesBatchAfterBatchUntilTheEnd() async throws {
        try await LiveDatabase.withDatabase(maxPoolSize: 2) { _, db in
            let c = db.collection("c")
            try await c.insertMany((0..<23).map { ["_id": .int32(Int32($0))] })
            let cursor = try await c.findCursor([:], options: FindOptions(sort: ["_id": 1], batchSize: 5))
            var seen: [Int] = []
            for try await doc in cursor { seen.append(try doc.get("_id", as: Int.self)) }
            #expect(seen == Array(0..<23))
            // Exhausted cursors gave their clients back: the pool of 2 still works.
            let again = try await c.aggregateCursor(
                [["$match": ["_id": ["$lt": 3]]]], options: AggregateOptions(batchSize: 1))
            #expect(try await again.toArray().count == 3)
            let closed = try await c.findCursor()
            await closed.close()
            #expect(try await c.countDocuments() == 23)
        }
    }

    @Test func aChangeStreamSeesAnInsert() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let c = db.collection("events")
            try await c.insertOne(["_id": 0])  // the collection exists
            let stream = try await c.watch([["$match": ["operationType": "insert"]]])
            try await c.insertOne(["_id": 1, "status": "pending"])
            var iterator = stream.makeAsyncIterator()
            let event = try await iterator.next()
            #expect(try event?["operationType", as: String.self] == "insert")
            #expect(try event?["fullDocument", as: BSONDocument.self] == ["_id": 1, "status": "pending"])
            #expect(await stream.resumeToken() != nil)
            await stream.close()
            #expect(try await iterator.next() == nil)
        }
    }

    @Test func cancellingTheTaskEndsAChangeStreamIteration() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let c = db.collection("events")
            try await c.insertOne(["_id": 0])
            let stream = try await c.watch(options: ChangeStreamOptions(maxAwaitTimeMS: 200))
            let task = Task { () -> Int in
                var count = 0
                for try await _ in stream { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            #expect(try await task.value == 0)
        }
    }

    @Test func closingAStreamWhileAnotherTaskWaitsInNextWaitsForThatCallAndEndsItsIteration() async throws {
        // Two clients: the stream holds one, so the other is free for a second
        // thread that, before close() waited, destroyed the stream's handle (and
        // put its client back in the pool) while the first thread was inside
        // libmongoc with it, waiting up to maxAwaitTimeMS for an event.
        try await LiveDatabase.withDatabase(maxPoolSize: 2) { _, db in
            let c = db.collection("events")
            try await c.insertOne(["_id": 0])
            let stream = try await c.watch(options: ChangeStreamOptions(maxAwaitTimeMS: 3_000))
            let nextReturned = Moment()
            let waiter = Task { () throws -> BSONDocument? in
                var iterator = stream.makeAsyncIterator()
                let event = try await iterator.next()
                nextReturned.mark()
                return event
            }
            // Let the waiter get into libmongoc's wait for events.
            try await Task.sleep(for: .milliseconds(300))
            // Asking for the token meanwhile does not touch the handle either.
            for _ in 0..<5 { _ = await stream.resumeToken() }
            await stream.close()
            let closeReturned = ContinuousClock.now
            #expect(try await waiter.value == nil)
            // close() came back only once next() was out of libmongoc, so the
            // waiter ends at once (it would otherwise still wait seconds for the server).
            let returned = try #require(nextReturned.instant)
            #expect(returned - closeReturned < .milliseconds(1_500), "close() returned while next() was in libmongoc")
            #expect(await stream.resumeToken() == nil)
            // The stream's client went back to the pool once, unharmed: both clients work.
            async let one = c.countDocuments()
            async let two = c.countDocuments()
            #expect(try await [one, two] == [1, 1])
        }
    }
}

/// When something happened, set from another task.
final class Moment: Sendable {
    private let value = Mutex<ContinuousClock.Instant?>(nil)
    func mark() { value.withLock { $0 = .now } }
    var instant: ContinuousClock.Instant? { value.withLock { $0 } }
}
