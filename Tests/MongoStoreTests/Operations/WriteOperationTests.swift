import MongoStore
import Testing

@Suite struct WriteOperationTests {
    @Test func insertOneGeneratesAnObjectIdWhenTheDocumentHasNone() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let c = db.collection("c")
            let result = try await c.insertOne(["name": "Ada"])
            guard case .objectID = result.insertedID else {
                Issue.record("expected an ObjectId, got \(result.insertedID)")
                return
            }
            let stored = try await c.findOne(["_id": result.insertedID])
            #expect(stored?.keys == ["_id", "name"])
            let given = try await c.insertOne(["_id": "mine", "name": "Bo"])
            #expect(given.insertedID == "mine")
        }
    }

    @Test func insertManyReturnsTheIdsInInputOrder() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let c = db.collection("c")
            let result = try await c.insertMany([["_id": 1], ["x": 2], ["_id": 3]])
            #expect(result.insertedCount == 3)
            #expect(result.insertedIDs[0] == 1 && result.insertedIDs[2] == 3)
            #expect(try await c.countDocuments() == 3)
            await #expect(throws: MongoError.self) { try await c.insertMany([]) }
        }
    }

    @Test func updateOneUpdateManyAndUpsertReportTheirCounts() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let c = db.collection("c")
            try await c.insertMany([["_id": 1, "s": "a"], ["_id": 2, "s": "a"], ["_id": 3, "s": "b"]])
            let one = try await c.updateOne(["s": "a"], ["$set": ["seen": true]])
            #expect(one.matchedCount == 1 && one.modifiedCount == 1 && one.upsertedID == nil)
            let many = try await c.updateMany(["s": "a"], ["$set": ["s": "c"]])
            #expect(many.matchedCount == 2 && many.modifiedCount == 2)
            let none = try await c.updateOne(["s": "zzz"], ["$set": ["x": 1]])
            #expect(none.matchedCount == 0)
            let upsert = try await c.updateOne(["_id": 9], ["$set": ["s": "new"]], upsert: true)
            #expect(upsert.upsertedID == 9)
            #expect(try await c.countDocuments(["s": "c"]) == 2)
            #expect(try await c.findOne(["_id": 9])?["s"] == "new")
        }
    }

    @Test func replaceOneSwapsTheWholeDocument() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let c = db.collection("c")
            try await c.insertOne(["_id": 1, "a": 1, "b": 2])
            let r = try await c.replaceOne(["_id": 1], ["c": 3])
            #expect(r.modifiedCount == 1)
            #expect(try await c.findOne(["_id": 1]) == ["_id": 1, "c": 3])
        }
    }

    @Test func deleteOneAndDeleteManyReportWhatTheyDeleted() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let c = db.collection("c")
            try await c.insertMany((0..<5).map { ["_id": .int32(Int32($0)), "odd": .bool($0 % 2 == 1)] })
            #expect(try await c.deleteOne(["odd": false]).deletedCount == 1)
            #expect(try await c.deleteMany(["odd": true]).deletedCount == 2)
            #expect(try await c.deleteMany(["odd": "never"]).deletedCount == 0)
            #expect(try await c.countDocuments() == 2)
        }
    }

    @Test func findOneAndUpdateIsAStateTransitionWithAPrecondition() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let rescues = db.collection("rescues")
            try await rescues.insertOne(["_id": 1, "status": "pending"])
            let after = try await rescues.findOneAndUpdate(
                ["_id": 1, "status": "pending"], ["$set": ["status": "assigned"]], returnDocument: .after)
            #expect(after?["status"] == "assigned")
            // The precondition no longer holds: no match, nothing changes.
            let again = try await rescues.findOneAndUpdate(
                ["_id": 1, "status": "pending"], ["$set": ["status": "assigned"]])
            #expect(again == nil)
            let before = try await rescues.findOneAndUpdate(
                ["_id": 1], ["$set": ["status": "completed"]], returnDocument: .before)
            #expect(before?["status"] == "assigned")
            let upserted = try await rescues.findOneAndUpdate(["_id": 2], ["$set": ["status": "new"]], upsert: true)
            #expect(upserted == ["_id": 2, "status": "new"])
            let deleted = try await rescues.findOneAndDelete(["_id": 2])
            #expect(deleted?["status"] == "new")
            #expect(try await rescues.countDocuments() == 1)
        }
    }

    @Test func bulkWriteRunsEveryKindOfWriteAndCountsThem() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let c = db.collection("c")
            try await c.insertMany([["_id": 1, "v": 0], ["_id": 2, "v": 0], ["_id": 3, "v": 0]])
            let result = try await c.bulkWrite([
                .insertOne(["_id": 4, "v": 0]),
                .updateOne(filter: ["_id": 1], update: ["$inc": ["v": 1]]),
                .updateMany(filter: ["v": 0], update: ["$set": ["v": 5]]),
                .replaceOne(filter: ["_id": 2], replacement: ["v": 9]),
                .updateOne(filter: ["_id": 7], update: ["$set": ["v": 7]], upsert: true),
                .deleteOne(["_id": 3]),
                .deleteMany(["v": 5]),
            ])
            #expect(result.insertedCount == 1)
            #expect(result.upsertedCount == 1)
            #expect(result.upsertedIDs[4] == 7)
            #expect(result.deletedCount == 2)  // _id 3, then _id 4 (v 5)
            #expect(result.matchedCount == 1 + 3 + 1)
            let left = try await c.find([:], options: FindOptions(sort: ["_id": 1]))
            #expect(left == [["_id": 1, "v": 1], ["_id": 2, "v": 9], ["_id": 7, "v": 7]])
        }
    }
}
