import Enforcement
import Gateway
import GraphQLEngine
import HummingbirdTesting
import MongoStore
import Security
import Synchronization
import Testing

/// The PII audit failing open: what it loses is in `/metrics`, and a
/// production pipeline refuses personal data it cannot record
/// (`AUDIT_UNAVAILABLE`) until the audit log takes writes again.
@Suite("Personal data while the audit cannot record", .serialized)
struct AuditAvailabilityTests {
    struct WriteFailed: Error {}

    /// A rider profile with an encrypted name, and the query reading it.
    static func riderProfile(in fixture: GatewayFixture) async throws -> String {
        let id = ObjectID()
        let name = try FieldCipher(keyRing: .development).encrypt(
            "Dana Ruiz", for: FieldBinding(collection: "riderprofiles", field: "name", documentId: id.hex))
        try await fixture.database.collection("riderprofiles").insertOne([
            "_id": .objectID(id), "userId": .objectID(ObjectID()), "name": .string(name),
            "createdAt": .date(.now()), "updatedAt": .date(.now()),
        ])
        return #"{"id":"\#(id.hex)"}"#
    }

    static let read = "query($id: ObjectID!) { riderProfile(id: $id) { name } }"

    /// `/metrics` as a production scraper reads it: behind its bearer token.
    static let scraperToken = "audit-test-scraper-token"
    static let configuration = GatewayConfiguration(port: 0, metricsAccess: .bearerToken(scraperToken))

    static func metrics(_ client: any TestClientProtocol) async throws -> String {
        try await client.execute(
            uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(scraperToken)"]
        ).body.text
    }

    @Test("a failed audit write is counted, refuses personal data until a write succeeds, and is itself recorded")
    func aFailedWriteRefusesUntilTheLogTakesWritesAgain() async throws {
        let failing = Switch(true)
        let written = AuditSink()
        let recorder = PersonalDataAuditRecorder(interval: .seconds(3600)) { batch in
            if failing.isOn { throw WriteFailed() }
            await written.append(batch)
        }
        let schema = try SecuritySchema.make(
            FieldSecurity(cipher: FieldCipher(keyRing: .development), audit: recorder, requiresAudit: true))
        try await GatewayFixture.with(
            configuration: Self.configuration, schema: schema, metrics: GatewayMetrics(audit: recorder)
        ) { fixture in
            let support = try await fixture.user(.support)
            let profile = try await Self.riderProfile(in: fixture)
            try await fixture.live { client in
                let served = try await fixture.post(Self.read, variables: profile, key: support.key, client: client)
                #expect(served?["data", "riderProfile", "name"] == .string("Dana Ruiz"))
                await recorder.flush()  // fails: the entry is lost

                let refused = try await fixture.post(Self.read, variables: profile, key: support.key, client: client)
                #expect(refused?["data", "riderProfile", "name"] == .null)
                #expect(refused?["errors", 0, "extensions", "code"] == .string("AUDIT_UNAVAILABLE"))
                let down = try await Self.metrics(client)
                #expect(down.contains("supportcarr_audit_entries_lost_total 1\n"), "\(down)")
                #expect(down.contains("supportcarr_audit_batches_failed_total 1\n"))
                #expect(down.contains("supportcarr_audit_entries_dropped_total 0\n"))
                #expect(down.contains("supportcarr_audit_writing 0.0\n"))
                #expect(down.contains(#"supportcarr_graphql_errors_total{code="AUDIT_UNAVAILABLE"} 1"#))

                // The database is back: the next flush has the loss to write down,
                // and personal data is served (and recorded) again.
                failing.set(false)
                await recorder.flush()
                let again = try await fixture.post(Self.read, variables: profile, key: support.key, client: client)
                #expect(again?["data", "riderProfile", "name"] == .string("Dana Ruiz"))
                #expect(try await Self.metrics(client).contains("supportcarr_audit_writing 1.0\n"))
            }
            let notes = await written.documents
            #expect(notes.map { $0["action"] } == [.string("audit.lost")])
            guard case .document(let changes)? = notes.first?["changes"] else { throw CancellationError() }
            #expect(changes["lostEntries"] == .int64(1))
            #expect(recorder.statistics.pendingEntries == 1)
        }
    }

    @Test("a full audit queue refuses new personal data in production and only counts it in development")
    func aFullQueueRefusesInProductionOnly() async throws {
        for production in [true, false] {
            let recorder = PersonalDataAuditRecorder(capacity: 1, interval: .seconds(3600)) { _ in }
            let schema = try SecuritySchema.make(
                FieldSecurity(
                    cipher: FieldCipher(keyRing: .development), audit: recorder, requiresAudit: production))
            try await GatewayFixture.with(
                configuration: Self.configuration, schema: schema, metrics: GatewayMetrics(audit: recorder)
            ) { fixture in
                let support = try await fixture.user(.support)
                let first = try await Self.riderProfile(in: fixture)
                let second = try await Self.riderProfile(in: fixture)
                try await fixture.live { client in
                    let fits = try await fixture.post(Self.read, variables: first, key: support.key, client: client)
                    #expect(fits?["data", "riderProfile", "name"] == .string("Dana Ruiz"))
                    let full = try await fixture.post(Self.read, variables: second, key: support.key, client: client)
                    if production {
                        #expect(full?["data", "riderProfile", "name"] == .null)
                        #expect(full?["errors", 0, "extensions", "code"] == .string("AUDIT_UNAVAILABLE"))
                    } else {
                        #expect(full?["data", "riderProfile", "name"] == .string("Dana Ruiz"))
                    }
                    #expect(try await Self.metrics(client).contains("supportcarr_audit_entries_dropped_total 1\n"))
                }
            }
        }
    }
}

/// A flag another task reads.
final class Switch: Sendable {
    private let value: Mutex<Bool>
    init(_ on: Bool) { value = Mutex(on) }
    var isOn: Bool { value.withLock { $0 } }
    func set(_ on: Bool) { value.withLock { $0 = on } }
}
