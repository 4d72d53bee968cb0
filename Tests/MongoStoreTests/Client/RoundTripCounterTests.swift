import MongoStore
import Testing

@Suite("RoundTripCounter")
struct RoundTripCounterTests {
    @Test("operations made while a counter is bound are counted, child tasks included; unbound ones are not")
    func countsBoundOperations() async throws {
        try await LiveDatabase.withDatabase { _, database in
            let collection = database.collection("c")
            try await collection.insertOne(["_id": 1])  // no counter bound: not counted anywhere
            let counter = RoundTripCounter()
            try await RoundTripCounter.$current.withValue(counter) {
                _ = try await collection.findOne(["_id": 1])
                _ = try await collection.countDocuments()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { _ = try await collection.find([:]) }
                    group.addTask { _ = try await database.runCommand(["ping": 1]) }
                    try await group.waitForAll()
                }
            }
            #expect(counter.count == 4)
            _ = try await collection.findOne(["_id": 1])
            #expect(counter.count == 4)
        }
    }
}
