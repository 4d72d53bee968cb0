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

    @Test func generatedIdsShareTheProcessBytesAndCountUpByOne() {
        let first = ObjectID()
        let second = ObjectID()
        #expect(first.bytes[4..<9] == second.bytes[4..<9])
        let count = { (id: ObjectID) in id.bytes[9..<12].reduce(0) { $0 << 8 | Int($1) } }
        // Other tests make ids concurrently: the second counts at least one further (mod 2^24).
        #expect((count(second) - count(first) + (1 << 24)) % (1 << 24) >= 1)
    }

    @Test func equalIdsHashEqually() throws {
        let id = try #require(ObjectID("5f0c8b3e2a1d4e6f7a8b9c0d"))
        let same = try #require(ObjectID(bytes: id.bytes))
        #expect(id.hashValue == same.hashValue)
        #expect(Set([id, same, ObjectID()]).count == 2)
    }

    @Test func theTimestampIsReadFromTheFirstFourBytes() throws {
        let id = try #require(ObjectID("000000010000000000000000"))
        #expect(id.timestamp == BSONDate(millisecondsSinceEpoch: 1000))
    }
}
