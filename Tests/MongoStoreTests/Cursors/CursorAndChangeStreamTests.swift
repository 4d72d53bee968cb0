import MongoStore
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
}
