import MongoStore
import Testing

@Suite struct TransactionTests {
    struct Rollback: Error {}

    @Test func aCommittedTransactionMakesAllItsWritesVisible() async throws {
        try await LiveDatabase.withDatabase { client, db in
            let rescues = db.collection("rescues")
            let payments = db.collection("payments")
            try await rescues.insertOne(["_id": 1, "status": "completed"])
            try await payments.insertOne(["_id": 0, "seed": true])  // collections exist before the transaction
            let paid: Int = try await client.withTransaction { session in
                try await rescues.updateOne(["_id": 1], ["$set": ["status": "paid"]], session: session)
                try await payments.insertOne(["rescueId": 1, "amountCents": 2500], session: session)
                // Inside, the session sees its own writes.
                return try await payments.countDocuments(["rescueId": 1], session: session)
            }
            #expect(paid == 1)
            #expect(try await rescues.findOne(["_id": 1])?["status"] == "paid")
            #expect(try await payments.countDocuments(["rescueId": 1]) == 1)
        }
    }

    @Test func aTransactionWhoseBodyThrowsIsAbortedAndLeavesNothingBehind() async throws {
        try await LiveDatabase.withDatabase { client, db in
            let rescues = db.collection("rescues")
            try await rescues.insertOne(["_id": 1, "status": "pending"])
            await #expect(throws: Rollback.self) {
                try await client.withTransaction { session in
                    try await rescues.updateOne(["_id": 1], ["$set": ["status": "cancelled"]], session: session)
                    try await rescues.insertOne(["_id": 2], session: session)
                    throw Rollback()
                }
            }
            #expect(try await rescues.findOne(["_id": 1])?["status"] == "pending")
            #expect(try await rescues.countDocuments() == 1)
        }
    }

    @Test func anExplicitlyAbortedTransactionIsRolledBack() async throws {
        try await LiveDatabase.withDatabase { client, db in
            let c = db.collection("c")
            try await c.insertOne(["_id": 0])
            let session = try await client.startSession()
            try await session.startTransaction()
            #expect(await session.inTransaction)
            try await c.insertOne(["_id": 1], session: session)
            #expect(try await c.countDocuments(session: session) == 2)
            try await session.abortTransaction()
            await session.end()
            #expect(try await c.countDocuments() == 1)
            await #expect(throws: MongoError.self) { try await c.insertOne(["_id": 3], session: session) }
        }
    }
}

@Suite struct DatabaseTransactionTests {
    struct Rollback: Error {}

    @Test func aDatabaseHandleCommitsATransactionOrLeavesNothingBehind() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let rescues = db.collection("rescues")
            let history = db.collection("history")
            try await rescues.insertOne(["_id": 1, "status": "requested"])
            try await history.insertOne(["_id": 0])
            try await db.withTransaction { session in
                try await rescues.updateOne(["_id": 1], ["$set": ["status": "matched"]], session: session)
                try await history.insertOne(["rescueId": 1, "toStatus": "matched"], session: session)
            }
            #expect(try await rescues.findOne(["_id": 1])?["status"] == "matched")
            await #expect(throws: Rollback.self) {
                try await db.withTransaction { session in
                    try await rescues.updateOne(["_id": 1], ["$set": ["status": "accepted"]], session: session)
                    try await history.insertOne(["rescueId": 1, "toStatus": "accepted"], session: session)
                    throw Rollback()
                }
            }
            #expect(try await rescues.findOne(["_id": 1])?["status"] == "matched")
            #expect(try await history.countDocuments(["rescueId": 1]) == 1)
        }
    }

    @Test func concurrentTransactionsOnOneDocumentAreRetriedUntilEachCommitsOnce() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let counters = db.collection("counters")
            try await counters.insertOne(["_id": 1, "n": 0])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await db.withTransaction(maxAttempts: 20) { session in
                            let current = try await counters.findOne(["_id": 1], session: session)
                            let n = (try? current?["n", as: Int.self]) ?? 0
                            try await counters.updateOne(
                                ["_id": 1], ["$set": ["n": .int64(Int64(n + 1))]], session: session)
                        }
                    }
                }
                try await group.waitForAll()
            }
            // Read, then write, in each: without the retries on write conflicts
            // some increments would be lost or some transactions fail.
            #expect(try await counters.findOne(["_id": 1])?["n", as: Int.self] == 4)
        }
    }
}
