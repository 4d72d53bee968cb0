import DataModel
import MongoStore
import Security
import Testing

@testable import SupportCarrData

@Suite("DemoSeeder (in memory)")
struct DemoSeederTests {
    static let asOf = BSONDate(millisecondsSinceEpoch: 1_795_478_400_000)  // 2026-11-24T00:00:00Z, a Tuesday

    func seed(_ options: DemoSeedOptions) async throws -> [Collections: [BSONDocument]] {
        let sink = InMemoryDemoSink()
        try await DemoSeeder(options: options).seed(into: sink)
        return await sink.documents
    }

    @Test("the same seed gives the same documents; another seed other ones")
    func deterministic() async throws {
        let options = DemoSeedOptions(riders: 12, drivers: 6, rescues: 60, randomSeed: 7, asOf: Self.asOf)
        let first = try await seed(options)
        let second = try await seed(options)
        // Ciphertexts use random nonces by design; compare everything else.
        #expect(Self.withoutCiphertexts(first) == Self.withoutCiphertexts(second))
        var other = options
        other.randomSeed = 8
        #expect(Self.withoutCiphertexts(try await seed(other)) != Self.withoutCiphertexts(first))
    }

    @Test("defaults touch all 17 collections")
    func allCollections() async throws {
        let documents = try await seed(DemoSeedOptions(asOf: Self.asOf))
        for collection in Collections.allCases {
            #expect((documents[collection]?.count ?? 0) > 0, "\(collection) is empty")
        }
        #expect(documents[.rescueRequests]?.count == 200)
        #expect(documents[.riderProfiles]?.count == 50)
        #expect(documents[.driverProfiles]?.count == 20)
        #expect(documents[.users]?.count == 73)
    }

    @Test("rescues come in every status, assignments in every status")
    func everyStatus() async throws {
        let documents = try await seed(DemoSeedOptions(asOf: Self.asOf))
        let rescueStatuses = Set(
            documents[.rescueRequests, default: []].compactMap { try? $0.get("status", as: String.self) })
        #expect(rescueStatuses == Set(DemoRun.allStatuses))
        let assignmentStatuses = Set(
            documents[.rescueAssignments, default: []].compactMap { try? $0.get("status", as: String.self) })
        #expect(
            assignmentStatuses == [
                "assigned", "accepted", "rejected", "en_route", "arrived", "in_progress", "completed", "cancelled",
            ])
        let paymentStatuses = Set(
            documents[.payments, default: []].compactMap { try? $0.get("status", as: String.self) })
        #expect(paymentStatuses == ["pending", "processing", "succeeded", "failed", "refunded"])
        let roles = Set(documents[.users, default: []].compactMap { try? $0.get("role", as: String.self) })
        #expect(roles == ["rider", "driver", "support", "admin"])
    }

    @Test("references resolve, money adds up, histories are capped at 100 points")
    func integrity() async throws {
        let documents = try await seed(
            DemoSeedOptions(riders: 30, drivers: 10, rescues: 400, randomSeed: 3, asOf: Self.asOf))
        let checks = DemoDataChecks(documents: documents)
        try checks.referentialIntegrity()
        try checks.money()
        var longest = 0
        for assignment in documents[.rescueAssignments, default: []] {
            let history = try assignment.get("locationHistory", as: [BSONValue].self)
            longest = max(longest, history.count)
        }
        // Long jobs produce more than 100 points: the cap is reached, never passed.
        #expect(longest == 100)
        // Every driver's active job is unique: at most one active assignment each.
        let active = documents[.rescueAssignments, default: []].filter {
            ["assigned", "accepted", "en_route", "arrived", "in_progress"].contains(
                (try? $0.get("status", as: String.self)) ?? "")
        }
        let activeDrivers = active.compactMap { try? $0.get("driverId", as: ObjectID.self) }
        #expect(Set(activeDrivers).count == activeDrivers.count)
    }

    @Test("no plaintext of an encrypted field is written, and every ciphertext decrypts")
    func encryption() async throws {
        let options = DemoSeedOptions(riders: 20, drivers: 8, rescues: 50, randomSeed: 11, asOf: Self.asOf)
        let documents = try await seed(options)
        let cast = DemoSeeder(options: options).cast()
        let checks = DemoDataChecks(documents: documents)
        checks.noPlaintext(of: cast.encryptedPlaintexts)
        try checks.encryptedFieldsDecrypt(with: FieldCipher(keyRing: .development))
        // The blind index is the hash of the plaintext phone number.
        let users = documents[.users, default: []]
        let hashes = Set(users.compactMap { try? $0.get("phoneNumberHash", as: String.self) })
        #expect(hashes.count == users.count)
        let person = cast.riders[0].person
        #expect(hashes.contains(try BlindIndex.development.phoneNumberHash(person.phoneNumber)))
    }

    @Test("batches never exceed the batch size")
    func batches() async throws {
        let sink = InMemoryDemoSink()
        try await DemoSeeder(
            options: DemoSeedOptions(riders: 10, drivers: 5, rescues: 300, asOf: Self.asOf, batchSize: 250)
        )
        .seed(into: sink)
        let sizes = await sink.batchSizes
        #expect(sizes.allSatisfy { $0 <= 250 })
        #expect(sizes.contains(250))
    }

    @Test("the batch size and the batches in flight do not change the documents")
    func batchingKeepsTheData() async throws {
        var small = DemoSeedOptions(riders: 15, drivers: 8, rescues: 120, randomSeed: 5, asOf: Self.asOf)
        small.batchSize = 7
        small.concurrentBatches = 1
        var large = small
        large.batchSize = DemoSeedOptions.maxBatchSize
        large.concurrentBatches = 6
        let fromSmall = try await seed(small)
        #expect(Self.withoutCiphertexts(fromSmall) == Self.withoutCiphertexts(try await seed(large)))
        #expect(fromSmall[.rescueRequests]?.count == 120)
    }

    @Test("phone numbers and plates the cast generates are unique")
    func uniqueIdentifiers() {
        let phones = (0..<50_000).map(DemoCast.phoneNumber)
        #expect(Set(phones).count == phones.count)
        let plates = (0..<50_000).map(DemoCast.plateNumber)
        #expect(Set(plates).count == plates.count)
        #expect(DemoCast.phoneNumber(0) == "+14155550000")
    }

    /// The documents with every versioned ciphertext replaced by a marker.
    static func withoutCiphertexts(_ documents: [Collections: [BSONDocument]]) -> [Collections: [BSONDocument]] {
        func scrub(_ value: BSONValue) -> BSONValue {
            switch value {
            case .string(let text) where text.hasPrefix("v1:"): return "<ciphertext>"
            case .document(let doc):
                return .document(BSONDocument(doc.elements.map { .init(key: $0.key, value: scrub($0.value)) }))
            case .array(let items): return .array(items.map(scrub))
            default: return value
            }
        }
        // Batches may land in any order (several are written at once): sort by _id.
        return documents.mapValues { docs in
            docs.map { doc in BSONDocument(doc.elements.map { .init(key: $0.key, value: scrub($0.value)) }) }
                .sorted {
                    ((try? $0.get("_id", as: ObjectID.self))?.hex ?? "")
                        < ((try? $1.get("_id", as: ObjectID.self))?.hex ?? "")
                }
        }
    }
}
