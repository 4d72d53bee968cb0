import MongoStore
import Testing

@Suite struct BSONTypedReadingTests {
    let doc: BSONDocument = [
        "status": "pending",
        "count": .int32(3),
        "big": .int64(5_000_000_000),
        "ratio": 0.5,
        "whole": 2.0,
        "tags": ["a", "b"],
        "nothing": .null,
        "nested": ["x": 1],
    ]

    @Test func aFieldReadsAsItsSwiftType() throws {
        #expect(try doc["status", as: String.self] == "pending")
        #expect(try doc["count", as: Int.self] == 3)
        #expect(try doc["count", as: Int64.self] == 3)
        #expect(try doc["big", as: Int64.self] == 5_000_000_000)
        #expect(try doc["ratio", as: Double.self] == 0.5)
        #expect(try doc["count", as: Double.self] == 3.0)
        #expect(try doc["whole", as: Int.self] == 2)
        #expect(try doc["tags", as: [String].self] == ["a", "b"])
        #expect(try doc["nested", as: BSONDocument.self] == ["x": 1])
    }

    @Test func anAbsentOrNullFieldReadsAsNilButGetThrowsMissingField() throws {
        #expect(try doc["absent", as: String.self] == nil)
        #expect(try doc["nothing", as: String.self] == nil)
        #expect(throws: BSONError.missingField("absent")) { try doc.get("absent", as: String.self) }
    }

    @Test func aFieldOfAnotherTypeThrowsATypeMismatchNamingTheField() {
        #expect(throws: BSONError.typeMismatch(key: "status", expected: "int", found: "string")) {
            try doc["status", as: Int.self]
        }
        #expect(throws: BSONError.self) { try doc["ratio", as: Int.self] }
        #expect(throws: BSONError.outOfRange(key: "big", value: "5000000000")) { try doc["big", as: Int32.self] }
        #expect(throws: BSONError.self) { try doc["tags", as: [Int].self] }
    }

    @Test func literalsKeepTheOrderTheyWereWrittenIn() {
        let sort: BSONDocument = ["z": 1, "a": -1, "m": 1]
        #expect(sort.keys == ["z", "a", "m"])
    }

    @Test func assigningAnExistingKeyReplacesItInPlace() {
        var d: BSONDocument = ["a": 1, "b": 2]
        d["a"] = "one"
        d.set("c", 3)
        d.set("b", Optional<Int>.none)
        #expect(d.keys == ["a", "c"])
        #expect(d["a"] == "one")
    }

    @Test func integerLiteralsPickInt32OrInt64ByMagnitude() {
        let small: BSONValue = 7
        let large: BSONValue = 9_000_000_000
        #expect(small == .int32(7))
        #expect(large == .int64(9_000_000_000))
        #expect(Int(9_000_000_000).bsonValue == .int64(9_000_000_000))
    }
}
