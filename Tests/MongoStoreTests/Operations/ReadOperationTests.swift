import MongoStore
import Testing

@Suite struct ReadOperationTests {
    /// Ten riders: n 0..<10, city alternating, a `tag` on the even ones.
    func seed(_ collection: MongoCollection) async throws {
        let docs: [BSONDocument] = (0..<10).map { i in
            var d: BSONDocument = [
                "_id": .int32(Int32(i)), "n": .int32(Int32(i)), "city": i % 2 == 0 ? "Oslo" : "Lima",
            ]
            if i % 2 == 0 { d["tag"] = "even" }
            return d
        }
        try await collection.insertMany(docs)
    }

    @Test func findAppliesFilterSortSkipLimitAndProjection() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let riders = db.collection("riders")
            try await seed(riders)
            let found = try await riders.find(
                ["city": "Oslo"],
                options: FindOptions(projection: ["n": 1, "_id": 0], sort: ["n": -1], skip: 1, limit: 3, batchSize: 2))
            #expect(found == [["n": 6], ["n": 4], ["n": 2]])
        }
    }

    /// Keys are matched whole, byte for byte: one of the same length, a
    /// prefix, a longer key or the same letters in another case stay.
    @Test func skippedFieldsMatchWholeKeysOnly() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let trips = db.collection("trips")
            try await trips.insertOne([
                "_id": 1, "trail": 1, "trait": 2, "trai": 3, "trails": 4, "Trail": 5, "ñandú": 6, "ñandu": 7,
            ])
            let found = try await trips.find([:], options: FindOptions(skippedFields: ["trail", "ñandú", "absent"]))
            #expect(found == [["_id": 1, "trait": 2, "trai": 3, "trails": 4, "Trail": 5, "ñandu": 7]])
        }
    }

    @Test func skippedFieldsAreLeftOutOfTheDecodedDocumentsAtTheTopLevelOnly() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let trips = db.collection("trips")
            try await trips.insertOne([
                "_id": 1, "status": "open", "trail": .array((0..<100).map { .document(["at": .int32($0)]) }),
                "inner": ["trail": "kept"],
            ])
            let skipping = FindOptions(skippedFields: ["trail"])
            let found = try await trips.find([:], options: skipping)
            #expect(found == [["_id": 1, "status": "open", "inner": ["trail": "kept"]]])
            let one = try await trips.findOne(["status": "open"], options: skipping)
            #expect(one == ["_id": 1, "status": "open", "inner": ["trail": "kept"]])
            // Filters and sorts still see the field: it is skipped only when decoding.
            #expect(try await trips.findOne(["trail.at": 99], options: skipping) != nil)
            let whole = try await trips.findOne()
            guard case .array(let trail)? = whole?["trail"] else {
                Issue.record("the trail was not read without skipping: \(String(describing: whole))")
                return
            }
            #expect(trail.count == 100)
        }
    }

    @Test func findWithAHintUsesTheNamedIndex() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let riders = db.collection("riders")
            try await seed(riders)
            try await riders.createIndex(IndexModel(keys: ["n": 1], name: "by_n"))
            let found = try await riders.find(["n": ["$gte": 8]], options: FindOptions(hint: .name("by_n")))
            #expect(found.count == 2)
            await #expect(throws: MongoError.self) {
                try await riders.find([:], options: FindOptions(hint: .name("no_such_index")))
            }
        }
    }

    @Test func findOneReturnsTheFirstInSortOrderOrNil() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let riders = db.collection("riders")
            try await seed(riders)
            let top = try await riders.findOne(["city": "Lima"], options: FindOptions(sort: ["n": -1]))
            #expect(try top?["n", as: Int.self] == 9)
            #expect(try await riders.findOne(["city": "Paris"]) == nil)
        }
    }

    @Test func countDocumentsCountsMatchesWithinSkipAndLimit() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let riders = db.collection("riders")
            try await seed(riders)
            #expect(try await riders.countDocuments() == 10)
            #expect(try await riders.countDocuments(["tag": ["$exists": true]]) == 5)
            #expect(try await riders.countDocuments(["city": "Lima"], skip: 1, limit: 3) == 3)
            #expect(try await db.collection("nothing").countDocuments() == 0)
        }
    }

    @Test func aggregateRunsAPipeline() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let riders = db.collection("riders")
            try await seed(riders)
            let groups = try await riders.aggregate([
                ["$group": ["_id": "$city", "total": ["$sum": "$n"]]],
                ["$sort": ["_id": 1]],
            ])
            #expect(groups.count == 2)
            #expect(try groups[0]["_id", as: String.self] == "Lima")
            #expect(try groups[0]["total", as: Int.self] == 25)
            #expect(try groups[1]["total", as: Int.self] == 20)
        }
    }

    @Test func distinctListsEachValueOnce() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let riders = db.collection("riders")
            try await seed(riders)
            let cities = try await riders.distinct("city").compactMap { try? String(bsonValue: $0) }.sorted()
            #expect(cities == ["Lima", "Oslo"])
        }
    }

    @Test func everyBSONTypeSurvivesAWriteAndReadThroughTheServer() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let things = db.collection("things")
            let doc: BSONDocument = [
                "_id": .objectID(ObjectID()),
                "double": 1.5, "string": "ünï 🚲", "int32": .int32(7), "int64": .int64(Int64.max),
                "bool": true, "null": .null, "date": .date(BSONDate(millisecondsSinceEpoch: 1_700_000_000_123)),
                "decimal": .decimal128(try #require(BSONDecimal128("1234.5600"))),
                "binary": .binary(BSONBinary(subtype: 4, bytes: Array(0..<16))),
                "regex": .regex(BSONRegex(pattern: "^x", options: "i")),
                "timestamp": .timestamp(BSONTimestamp(seconds: 5, increment: 6)),
                "minKey": .minKey, "maxKey": .maxKey,
                "nested": ["array": [1, ["deep": "yes"], []], "z": 1, "a": 2],
            ]
            try await things.insertOne(doc)
            let back = try await things.findOne(["_id": doc["_id"]!])
            #expect(back == doc)
            #expect(back?.keys == doc.keys)
        }
    }
}
