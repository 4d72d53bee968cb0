import Testing

@testable import MongoStore

/// The byte comparison behind `FindOptions.skippedFields`, on keys as libbson
/// hands them over (a C string and its length).
@Suite struct SkippedKeysTests {
    static func skips(_ keys: SkippedKeys, _ key: String) -> Bool {
        key.withCString { keys.contains($0, length: key.utf8.count) }
    }

    @Test func onlyWholeKeysMatchByteForByte() {
        let keys = SkippedKeys(["trail", "ñandú", ""])
        #expect(!keys.isEmpty)
        #expect(Self.skips(keys, "trail"))
        #expect(Self.skips(keys, "ñandú"))
        #expect(Self.skips(keys, ""))
        for kept in ["trai", "trails", "trait", "Trail", "ñandu", "x"] {
            #expect(!Self.skips(keys, kept), "\(kept) is not a skipped key")
        }
    }

    @Test func noKeysSkipNothing() {
        let keys = SkippedKeys()
        #expect(keys.isEmpty)
        #expect(!Self.skips(keys, ""))
        #expect(!Self.skips(keys, "trail"))
    }
}
