import MongoStore
import Testing

@Suite struct IndexTests {
    @Test func createIndexesMakesEveryKindAndListIndexesReadsThemBack() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let drivers = db.collection("drivers")
            let names = try await drivers.createIndexes([
                IndexModel(keys: ["emailHash": 1], unique: true),
                IndexModel(keys: ["phone": 1], name: "phone_sparse", sparse: true),
                IndexModel(keys: ["createdAt": 1], expireAfterSeconds: 3600),
                IndexModel(keys: ["status": 1, "updatedAt": -1], partialFilterExpression: ["status": "online"]),
                IndexModel(keys: ["location": "2dsphere"]),
            ])
            #expect(
                names == ["emailHash_1", "phone_sparse", "createdAt_1", "status_1_updatedAt_-1", "location_2dsphere"])
            let listed = try await drivers.listIndexes()
            let byName = Dictionary(uniqueKeysWithValues: try listed.map { (try $0.get("name", as: String.self), $0) })
            #expect(Set(byName.keys) == Set(names + ["_id_"]))
            #expect(try byName["emailHash_1"]?["unique", as: Bool.self] == true)
            #expect(try byName["phone_sparse"]?["sparse", as: Bool.self] == true)
            #expect(try byName["createdAt_1"]?["expireAfterSeconds", as: Int.self] == 3600)
            #expect(
                try byName["status_1_updatedAt_-1"]?["partialFilterExpression", as: BSONDocument.self] == [
                    "status": "online"
                ])
            #expect(
                try byName["status_1_updatedAt_-1"]?["key", as: BSONDocument.self]?.keys == ["status", "updatedAt"])
            #expect(try byName["location_2dsphere"]?["key", as: BSONDocument.self] == ["location": "2dsphere"])
            // Creating the same indexes again is a no-op.
            #expect(
                try await drivers.createIndexes([IndexModel(keys: ["emailHash": 1], unique: true)]) == ["emailHash_1"])
            try await drivers.dropIndex("phone_sparse")
            #expect(try await drivers.listIndexes().count == 5)
        }
    }

    @Test func listIndexesOfAMissingCollectionIsEmptyAndDroppingItIsNoError() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let ghost = db.collection("ghost")
            #expect(try await ghost.listIndexes().isEmpty)
            try await ghost.drop()  // not an error
            try await ghost.insertOne(["x": 1])
            #expect(try await db.listCollectionNames().contains("ghost"))
            try await ghost.drop()
            #expect(try await !db.listCollectionNames().contains("ghost"))
        }
    }

    @Test func aDuplicateKeyErrorNamesTheIndexAndTellsAClientNothing() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let riders = db.collection("riders")
            try await riders.createIndex(IndexModel(keys: ["emailHash": 1], name: "rider_email_unique", unique: true))
            try await riders.insertOne(["emailHash": "abc"])
            do throws(MongoError) {
                try await riders.insertOne(["emailHash": "abc"])
                Issue.record("a duplicate insert succeeded")
            } catch {
                #expect(error.code == .duplicateKey)
                #expect(error.serverCode == 11000)
                #expect(error.indexName == "rider_email_unique")
                #expect(error.description == "database error")
                #expect(error.detail.contains("rider_email_unique"))
            }
            // The same through an update and through insertMany.
            try await riders.insertOne(["_id": 5, "emailHash": "other"])
            await #expect(throws: MongoError.self) {
                try await riders.updateOne(["_id": 5], ["$set": ["emailHash": "abc"]])
            }
            do throws(MongoError) {
                try await riders.insertMany([["emailHash": "new"], ["emailHash": "abc"]])
                Issue.record("a duplicate insertMany succeeded")
            } catch {
                #expect(error.code == .duplicateKey)
                #expect(error.indexName == "rider_email_unique")
            }
        }
    }
}
