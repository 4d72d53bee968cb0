import GraphQLEngine
import MongoStore
import Testing

@testable import Resolvers

@Suite struct DocumentsTests {
    @Test func datesAreWrittenInUTCWithMilliseconds() {
        #expect(ISO8601.format(BSONDate(millisecondsSinceEpoch: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601.format(BSONDate(millisecondsSinceEpoch: 1_763_474_700_123)) == "2025-11-18T14:05:00.123Z")
        #expect(ISO8601.format(BSONDate(millisecondsSinceEpoch: -1)) == "1969-12-31T23:59:59.999Z")
        #expect(ISO8601.format(BSONDate(millisecondsSinceEpoch: 951_782_400_000)) == "2000-02-29T00:00:00.000Z")
        #expect(ISO8601.format(BSONDate(millisecondsSinceEpoch: 253_402_300_799_999)) == "9999-12-31T23:59:59.999Z")
        // Past year 9999 the year takes its digits (the general path).
        #expect(ISO8601.format(BSONDate(millisecondsSinceEpoch: 253_402_300_800_000)) == "10000-01-01T00:00:00.000Z")
        // Any instant of years 0 to 9999 reads back as itself.
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let millis = Int64.random(in: -62_167_219_200_000...253_402_300_799_999, using: &random)
            let text = ISO8601.format(BSONDate(millisecondsSinceEpoch: millis))
            #expect(text.utf8.count == 24)
            #expect(ISO8601.parse(text)?.millisecondsSinceEpoch == millis, "\(millis) -> \(text)")
        }
    }

    @Test func datesAreReadWithAnyOffsetAndRejectedWhenMalformed() {
        #expect(ISO8601.parse("2025-11-18T14:05:00.123Z")?.millisecondsSinceEpoch == 1_763_474_700_123)
        #expect(ISO8601.parse("2025-11-18T16:05:00+02:00")?.millisecondsSinceEpoch == 1_763_474_700_000)
        #expect(ISO8601.parse("2025-11-18T14:05:00.5Z")?.millisecondsSinceEpoch == 1_763_474_700_500)
        #expect(ISO8601.parse("2025-11-18") == nil)
        #expect(ISO8601.parse("2025-13-18T14:05:00Z") == nil)
        #expect(ISO8601.parse("2025-11-18T14:05:00") == nil)
    }

    @Test func cursorsRoundTripAndForeignTextIsRefused() throws {
        let id = try #require(ObjectID("64b7f0c2a1b2c3d4e5f60718"))
        let cursor = Cursor(sortKey: BSONDate(millisecondsSinceEpoch: 1_763_474_700_123), id: id)
        #expect(Cursor(encoded: cursor.encoded) == cursor)
        #expect(Cursor(encoded: "bm90IGEgY3Vyc29y") == nil)
        #expect(Cursor(encoded: "%%%") == nil)
    }

    @Test func documentsReadIdAndGeoJSONCoordinatesByTheSchemasNames() throws {
        let id = try #require(ObjectID("64b7f0c2a1b2c3d4e5f60718"))
        let document = DocumentSource(["_id": .objectID(id), "type": "Point", "coordinates": [-122.5, 37.25]])
        guard case .json(let json) = document.fieldValue(named: "id") else {
            Issue.record("id")
            return
        }
        #expect(json == .string(id.hex))
        guard case .json(let lng) = document.fieldValue(named: "lng"),
            case .json(let lat) = document.fieldValue(named: "lat")
        else {
            Issue.record("lng/lat")
            return
        }
        #expect(lng == .double(-122.5))
        #expect(lat == .double(37.25))
    }

    @Test func freeFormValuesBecomeJSONWithHexIdsAndISODates() throws {
        let id = try #require(ObjectID("64b7f0c2a1b2c3d4e5f60718"))
        let value: BSONValue = ["by": .objectID(id), "at": .date(BSONDate(millisecondsSinceEpoch: 0)), "n": .int32(3)]
        #expect(
            BSONConversion.json(value)
                == .object([
                    (key: "by", value: .string(id.hex)), (key: "at", value: .string("1970-01-01T00:00:00.000Z")),
                    (key: "n", value: .int(3)),
                ]))
    }
}
