import MongoStore
import Testing

/// Every value goes through libbson (bson_append_* to bytes, bson_iter_* back).
@Suite struct BSONRoundTripTests {
    func roundTrip(_ doc: BSONDocument) throws -> BSONDocument {
        try BSONDocument(bsonBytes: doc.bsonBytes())
    }

    @Test func everyScalarTypeSurvivesARoundTripThroughLibbson() throws {
        let id = ObjectID()
        let doc: BSONDocument = [
            "double": .double(3.25),
            "string": "hello",
            "oid": .objectID(id),
            "true": true,
            "false": false,
            "date": .date(BSONDate(millisecondsSinceEpoch: 1_700_000_000_123)),
            "negativeDate": .date(BSONDate(millisecondsSinceEpoch: -86_400_000)),
            "null": .null,
            "regex": .regex(BSONRegex(pattern: "^a.*z$", options: "im")),
            "int32": .int32(-42),
            "timestamp": .timestamp(BSONTimestamp(seconds: 1_700_000_000, increment: 7)),
            "int64": .int64(Int64.max),
            "int64min": .int64(Int64.min),
            "decimal": .decimal128(try #require(BSONDecimal128("12345.678900"))),
            "binary": .binary(BSONBinary(subtype: 0, bytes: [0, 1, 2, 255])),
            "uuid": .binary(BSONBinary(subtype: 4, bytes: Array(0..<16))),
            "minKey": .minKey,
            "maxKey": .maxKey,
        ]
        let back = try roundTrip(doc)
        #expect(back == doc)
        #expect(back.keys == doc.keys)
    }

    @Test func nestedDocumentsAndArraysKeepTheirShapeAndOrder() throws {
        let doc: BSONDocument = [
            "z": 1,
            "a": ["y": ["deep": [1, "two", ["three": 3.0]]], "b": []],
            "m": [[1, 2], [], ["k": .null]],
            "empty": .document([:]),
        ]
        let back = try roundTrip(doc)
        #expect(back == doc)
        #expect(back.keys == ["z", "a", "m", "empty"])
        #expect(back[path: "a.y.deep.2.three"] == .double(3.0))
    }

    @Test func unicodeAndEmbeddedNulStringsRoundTrip() throws {
        let doc: BSONDocument = [
            "ünïcødé 🚲": "Straße – 東京 – 🚨",
            "nul": "a\u{0}b",
            "": "empty key",
        ]
        let back = try roundTrip(doc)
        #expect(back == doc)
        #expect(try back["nul", as: String.self]?.utf8.count == 3)
    }

    @Test func decimal128KeepsItsExactBitsAndPrintsCanonically() throws {
        let value = try #require(BSONDecimal128("-0.0001E+10"))
        let back = try roundTrip(["d": .decimal128(value)])
        let read = try back.get("d", as: BSONDecimal128.self)
        #expect(read.high == value.high && read.low == value.low)
        #expect(try #require(BSONDecimal128("12.50")).description == "12.50")
        #expect(BSONDecimal128("twelve") == nil)
    }

    @Test func aLargeDocumentUsesItsKeyIndexAndStillKeepsOrder() throws {
        var doc = BSONDocument()
        for i in (0..<200).reversed() { doc.append("k\(i)", .int32(Int32(i))) }
        let back = try roundTrip(doc)
        #expect(back.keys.first == "k199")
        #expect(try back["k7", as: Int.self] == 7)
        doc["k7"] = nil
        #expect(doc["k7"] == nil)
        #expect(doc["k6"] == .int32(6))
        #expect(doc.count == 199)
    }

    @Test func aKeyWithAnEmbeddedNulIsRefused() {
        let doc: BSONDocument = ["bad\u{0}key": 1]
        #expect(throws: BSONError.self) { try doc.bsonBytes() }
    }

    @Test func malformedBytesAreRejected() {
        #expect(throws: BSONError.self) { try BSONDocument(bsonBytes: [1, 2, 3]) }
    }

    @Test func relaxedExtendedJSONPrintsAndParsesBack() throws {
        let id = try #require(ObjectID("5f0c8b3e2a1d4e6f7a8b9c0d"))
        let doc: BSONDocument = ["_id": .objectID(id), "n": 1, "when": .date(BSONDate(millisecondsSinceEpoch: 0))]
        let json = doc.relaxedExtendedJSON
        #expect(json.contains("\"$oid\" : \"5f0c8b3e2a1d4e6f7a8b9c0d\""))
        #expect(json.contains("\"n\" : 1"))
        #expect(try BSONDocument(extendedJSON: json) == doc)
        #expect(throws: BSONError.self) { try BSONDocument(extendedJSON: "{ not json") }
    }
}
