import MongoStore
import Testing

@Suite struct ObjectIDTests {
    @Test func hexParsesAndPrintsBack() throws {
        let id = try #require(ObjectID("5F0C8B3E2A1D4E6F7A8B9C0D"))
        #expect(id.hex == "5f0c8b3e2a1d4e6f7a8b9c0d")
        #expect(id.bytes.count == 12)
        #expect(ObjectID(id.hex) == id)
    }

    @Test func invalidHexIsRejected() {
        #expect(ObjectID("5f0c8b3e2a1d4e6f7a8b9c0") == nil)
        #expect(ObjectID("zz0c8b3e2a1d4e6f7a8b9c0d") == nil)
        #expect(throws: BSONError.invalidObjectID("nope")) { try ObjectID(parsing: "nope") }
    }

    @Test func generatedIdsAreUniqueIncreasingAndCarryTheCurrentTime() {
        let ids = (0..<1000).map { _ in ObjectID() }
        #expect(Set(ids).count == 1000)
        #expect(ids == ids.sorted())
        let now = BSONDate.now().millisecondsSinceEpoch
        let stamp = ids[0].timestamp.millisecondsSinceEpoch
        #expect(abs(now - stamp) < 5_000)
    }

    @Test func theTimestampIsReadFromTheFirstFourBytes() throws {
        let id = try #require(ObjectID("000000010000000000000000"))
        #expect(id.timestamp == BSONDate(millisecondsSinceEpoch: 1000))
    }
}
