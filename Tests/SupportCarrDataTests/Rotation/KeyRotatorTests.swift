import DataModel
import MongoStore
import Security
import SupportCarrData
import Testing

/// `supportcarr keys rotate`'s engine against a seeded database.
@Suite(.serialized) struct KeyRotatorTests {
    /// The development ring with a new key in front.
    static func rotatedRing() throws -> KeyRing {
        let new = try EncryptionKey(id: "test-3", hex: String(repeating: "4f", count: 32))
        return try KeyRing(keys: [new] + KeyRing.development.keys)
    }

    /// Every encrypted value's plaintext, by place, and the key ids in use.
    static func snapshot(_ database: MongoDatabase, _ cipher: FieldCipher) async throws -> (
        plain: [String: String], keys: [String: Int]
    ) {
        var plain: [String: String] = [:]
        var keys: [String: Int] = [:]
        for field in EncryptedField.all {
            for document in try await database.collection(field.collection.name).find([:]) {
                guard case .string(let stored)? = document[field.field], case .objectID(let id)? = document["_id"]
                else { continue }
                plain["\(field) \(id.hex)"] = try cipher.decrypt(stored, for: field.binding(documentId: id))
                keys[try StoredCiphertext(parsing: stored).keyId ?? "legacy", default: 0] += 1
            }
        }
        return (plain, keys)
    }

    @Test func anInterruptedRotationLosesNothingAndASecondRunFinishesWithoutEncryptingTwice() async throws {
        try await TestDatabase.with { database in
            try await DemoSeeder(options: DemoSeedOptions(riders: 12, drivers: 6, rescues: 20, randomSeed: 3)).seed(
                into: MongoDemoSink(database: database))
            // Some values under the older development key too.
            let older = FieldCipher(keyRing: try KeyRing(keys: [try #require(KeyRing.development.key(id: "dev-1"))]))
            for document in try await database.collection("users").find([:], options: FindOptions(limit: 4)) {
                guard case .objectID(let id)? = document["_id"], case .string(let stored)? = document["phoneNumber"]
                else { continue }
                let binding = FieldBinding(collection: "users", field: "phoneNumber", documentId: id.hex)
                let plain = try FieldCipher(keyRing: .development).decrypt(stored, for: binding)
                _ = try await database.collection("users").updateOne(
                    ["_id": .objectID(id)], ["$set": ["phoneNumber": .string(try older.encrypt(plain, for: binding))]])
            }
            let cipher = FieldCipher(keyRing: try Self.rotatedRing())
            let before = try await Self.snapshot(database, cipher)
            #expect(before.keys["dev-1"] == 4)
            #expect(before.keys["test-3"] == nil)
            let values = before.plain.count

            // Interrupted after its second batch.
            let rotator = KeyRotator(database: database, cipher: cipher, batchSize: 5)
            let task = Task {
                try await rotator.rotate { progress in
                    if progress.scannedInRun >= 10 { withUnsafeCurrentTask { $0?.cancel() } }
                }
            }
            await #expect(throws: CancellationError.self) { _ = try await task.value }
            let middle = try await Self.snapshot(database, cipher)
            #expect(middle.plain == before.plain)
            let partly = middle.keys["test-3"] ?? 0
            #expect(partly > 0 && partly < values)

            // Run again: the rest, and only the rest.
            let report = try await rotator.rotate()
            #expect(report.rotated == values - partly)
            #expect(report.current == partly)
            #expect(report.failures == [])
            let after = try await Self.snapshot(database, cipher)
            #expect(after.plain == before.plain)
            #expect(after.keys == ["test-3": values])

            // A third run has nothing to do.
            let again = try await rotator.rotate()
            #expect(again.rotated == 0)
            #expect(again.current == values)
        }
    }

    @Test func undecryptableValuesAreListedByPlaceAndLeftAlone() async throws {
        try await TestDatabase.with { database in
            try await DemoSeeder(options: DemoSeedOptions(riders: 3, drivers: 2, rescues: 2, randomSeed: 4)).seed(
                into: MongoDemoSink(database: database))
            let user = try #require(try await database.collection("users").findOne([:]))
            guard case .objectID(let id)? = user["_id"],
                case .string(let other)? = try await database.collection("riderprofiles")
                    .findOne([:])?["name"]
            else { throw CancellationError() }
            _ = try await database.collection("users").updateOne(
                ["_id": .objectID(id)], ["$set": ["phoneNumber": .string(other)]])
            let report = try await KeyRotator(database: database, cipher: FieldCipher(keyRing: try Self.rotatedRing()))
                .rotate()
            #expect(report.failures.count == 1)
            #expect(report.failures.first?.hasPrefix("users.phoneNumber of \(id.hex)") == true)
            #expect(report.failures.first?.contains(other) == false)
            let stored = try await database.collection("users").findOne(["_id": .objectID(id)])
            #expect(stored?["phoneNumber"] == .string(other))
        }
    }

    @Test func aCompleteRunIsRecordedAndSaysWhetherLegacyValuesAreLeft() async throws {
        try await TestDatabase.with { database in
            try await DemoSeeder(options: DemoSeedOptions(riders: 3, drivers: 2, rescues: 2, randomSeed: 5)).seed(
                into: MongoDemoSink(database: database))
            let user = try #require(try await database.collection("users").findOne([:]))
            let id = try user.get("_id", as: ObjectID.self)
            let original = try user.get("phoneNumber", as: String.self)
            // A value in the legacy format that this ring (no ENCRYPTION_KEY) cannot open.
            let legacy = [String(repeating: "ab", count: 16), String(repeating: "cd", count: 16), "0badc0de"]
                .joined(separator: ":")
            _ = try await database.collection("users").updateOne(
                ["_id": .objectID(id)], ["$set": ["phoneNumber": .string(legacy)]])
            let rotator = KeyRotator(database: database, cipher: FieldCipher(keyRing: try Self.rotatedRing()))
            #expect(try await KeyRotationRecord.latest(in: database) == nil)

            let left = try await rotator.rotate()
            #expect(left.legacyRemaining == 1)
            #expect(left.rebound == [])
            let first = try #require(try await KeyRotationRecord.latest(in: database))
            #expect(first.legacyRemaining == 1)
            #expect(first.rotated == left.rotated)
            #expect(first.newestKeyId == "test-3")
            #expect(LegacyCiphertexts.unsetDefault(deployment: .production, lastRotation: first) == .accept)

            // Put right (here: the value as it was), a run leaves no legacy value, and says so.
            _ = try await database.collection("users").updateOne(
                ["_id": .objectID(id)], ["$set": ["phoneNumber": .string(original)]])
            let none = try await rotator.rotate()
            #expect(none.legacyRemaining == 0)
            #expect(none.failures == [])
            let second = try #require(try await KeyRotationRecord.latest(in: database))
            #expect(second.legacyRemaining == 0)
            #expect(LegacyCiphertexts.unsetDefault(deployment: .production, lastRotation: second) == .refuse)
            #expect(try await database.collection("auditlogs").countDocuments(["action": "keys.rotate"]) == 2)
            let entry = try #require(
                try await database.collection("auditlogs").findOne(
                    ["action": "keys.rotate"], options: FindOptions(sort: ["createdAt": -1, "_id": -1])))
            #expect(entry["entity"] == .string("keys"))
            #expect(entry["userId"] == .null)
        }
    }

    @Test func anInterruptedRunRecordsNothing() async throws {
        try await TestDatabase.with { database in
            try await DemoSeeder(options: DemoSeedOptions(riders: 6, drivers: 3, rescues: 4, randomSeed: 6)).seed(
                into: MongoDemoSink(database: database))
            let rotator = KeyRotator(
                database: database, cipher: FieldCipher(keyRing: try Self.rotatedRing()), batchSize: 2)
            let task = Task {
                try await rotator.rotate { progress in
                    if progress.scannedInRun >= 2 { withUnsafeCurrentTask { $0?.cancel() } }
                }
            }
            await #expect(throws: CancellationError.self) { _ = try await task.value }
            #expect(try await KeyRotationRecord.latest(in: database) == nil)
        }
    }
}
