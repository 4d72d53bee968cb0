import Enforcement
import Foundation
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

@Suite(.serialized) struct AuthenticationAndAuditTests {
    @Test func aMissingOrWrongKeyIsRefusedAndARealKeyBuildsTheCallersScope() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            let authenticator = APIKeyAuthenticator(database: fixture.database, hasher: .development)
            for headers in [[], [("Authorization", "Bearer sk_test_nothing")], [("X-API-Key", "")]]
                as [[(name: String, value: String)]]
            {
                await #expect(throws: AuthenticationError.invalidKey) {
                    _ = try await authenticator.authenticate(headers: headers, client: ClientInfo())
                }
            }
            let created = try await APIKeyRepository(database: fixture.database, hasher: .development).create(
                userId: people.riderUser, name: "test", permissions: Role.rider.maximalPermissions, kind: .test)
            let context = try await authenticator.authenticate(
                headers: [("Authorization", "Bearer " + created.token.text)],
                client: ClientInfo(address: "203.0.113.9", userAgent: "tests"))
            #expect(context.principal.userID == people.riderUser)
            #expect(context.permissions == Role.rider.maximalPermissions)
            // The key lookup brought the profile id along (no query of its own).
            #expect(context.principal.caller?.key.profiles == ProfileIds(rider: people.riderProfile, driver: nil))
            #expect(context.client.address == "203.0.113.9")
            #expect(context.visibilityFilter(for: .rescueRequests) == ["riderId": .objectID(people.riderProfile)])
            #expect(context.visibilityFilter(for: .twilioEventLogs) == RowScope.matchesNothing)
            let response = await fixture.service.execute(GraphQLRequest(query: "{ me { id } }"), context: context)
            #expect(response.data?["me", "id"] == .string(people.riderUser.hex))
        }
    }

    @Test func personalDataReadsBySupportAreAuditedOncePerDocumentAndRidersAreNot() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            let audit = PersonalDataAuditRecorder(database: fixture.database, interval: .seconds(3600))
            let schema = try SupportCarrSchema.make(
                sdl: SeededDatabase.schemaText,
                security: FieldSecurity(cipher: FieldCipher(keyRing: .development), audit: audit))
            let service = GraphQLService(schema: schema, cache: nil)
            let before = try await fixture.collection(.auditLogs).countDocuments(["action": "pii.read"])
            let query =
                "query($id: ObjectID!) { riderProfile(id: $id) { id name email rating } a: riderProfile(id: $id) { name } }"
            let variables: [String: JSONValue] = ["id": .string(people.riderProfile.hex)]
            guard
                case .caller(let support) = try await Callers.principal(user: people.supportUser, in: fixture.database)
            else { throw CancellationError() }
            let client = ClientInfo(address: "198.51.100.7", userAgent: "console/1.0")
            let response = await service.execute(
                GraphQLRequest(query: query, variables: variables),
                context: AccessContext(database: fixture.database, principal: .caller(support), client: client))
            #expect(response.errors.isEmpty)
            let rider = try await Callers.principal(user: people.riderUser, in: fixture.database)
            _ = await service.execute(
                GraphQLRequest(query: query, variables: variables),
                context: AccessContext(database: fixture.database, principal: rider, client: client))
            #expect(audit.statistics.pendingEntries == 1)
            await audit.flush()
            #expect(try await fixture.collection(.auditLogs).countDocuments(["action": "pii.read"]) == before + 1)
            // Found by this test's user agent: the seeded entries' ids need not
            // sort below a new one's.
            let entries = try await fixture.collection(.auditLogs).find([
                "action": "pii.read", "userAgent": "console/1.0",
            ])
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry["userId"] == .objectID(people.supportUser))
            #expect(entry["entity"] == .string("riderprofiles"))
            #expect(entry["entityId"] == .objectID(people.riderProfile))
            #expect(entry["ipAddress"] == .string("198.51.100.7"))
            #expect(entry["userAgent"] == .string("console/1.0"))
            guard case .document(let changes)? = entry["changes"] else { throw CancellationError() }
            #expect(changes["fields"] == .array(["email", "name"]))
            #expect(changes["apiKeyId"] == .objectID(support.key.keyId))
        }
    }

    @Test func theAuditQueueIsBoundedAndCountsWhatItDrops() async {
        let recorder = PersonalDataAuditRecorder(capacity: 2) { _ in }
        for _ in 0..<3 {
            recorder.record(
                PersonalDataRead(
                    requestId: ObjectID(), userId: ObjectID(), keyId: ObjectID(), collection: .users,
                    entityId: ObjectID(),
                    fields: ["phoneNumber"], at: .now(), ipAddress: nil, userAgent: nil))
        }
        #expect(recorder.statistics.pendingEntries == 2)
        #expect(recorder.statistics.droppedCount == 1)
        await recorder.flush()
        #expect(recorder.statistics.writtenEntries == 2)
        #expect(recorder.statistics.pendingEntries == 0)
    }
}

/// Counts the fields it sees (every field of the schema).
final class FieldCounter: FieldMiddleware, @unchecked Sendable {
    // `@unchecked Sendable`: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var seen = 0
    var count: Int { lock.withLock { seen } }
    func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
        lock.withLock { seen += 1 }
        return try next(field)
    }
}

extension AuthenticationAndAuditTests {
    @Test func aRequestWithoutAValidKeyIsUnauthenticatedAndReachesNoResolver() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            let counter = FieldCounter()
            let schema = try SupportCarrSchema.make(
                sdl: SeededDatabase.schemaText, security: .development, middleware: [counter])
            let gateway = AuthenticatedService(
                service: GraphQLService(schema: schema, cache: nil),
                authenticator: APIKeyAuthenticator(database: fixture.database, hasher: .development))
            let request = GraphQLRequest(query: "{ me { id } rescueRequests { totalCount } }")
            let revoked = try await APIKeyRepository(database: fixture.database, hasher: .development).create(
                userId: people.adminUser, name: "revoked", permissions: .everything, kind: .test)
            _ = try await APIKeyRepository(database: fixture.database, hasher: .development).revoke(id: revoked.key.id)
            let refused: [[(name: String, value: String)]] = [
                [], [("Authorization", "Basic abc")], [("X-API-Key", "sk_test_" + String(repeating: "x", count: 43))],
                [("Authorization", "Bearer " + revoked.token.text)],
            ]
            for headers in refused {
                let response = try await gateway.execute(request, headers: headers, client: ClientInfo())
                #expect(response.tree == nil)
                #expect(response.errors.map(\.message) == ["Invalid or missing API key"])
                #expect(response.errors.map(\.code) == ["UNAUTHENTICATED"])
            }
            #expect(counter.count == 0)
            let created = try await APIKeyRepository(database: fixture.database, hasher: .development).create(
                userId: people.adminUser, name: "ok", permissions: .everything, kind: .test)
            let response = try await gateway.execute(
                request, headers: [("X-API-Key", created.token.text)], client: ClientInfo())
            #expect(response.errors.map(\.message) == [])
            #expect(response.data?["me", "id"] == .string(people.adminUser.hex))
            #expect(counter.count > 0)
        }
    }
}

extension SeededSuitesTwo {
    /// What a rider's or driver's request costs before its resolvers: the
    /// key (cached) and, only when the operation can reach a collection whose
    /// rule names the other party of a live rescue, those short lists.
    @Suite struct RowScopeCostTests {
        @Test func theLiveListsAreReadOnlyWhenTheOperationCanReachTheirCollections() async throws {
            try await SeededDatabase.with { fixture in
                let people = try await SeededPeople.find(in: fixture.database)
                let repository = APIKeyRepository(database: fixture.database, hasher: .development)
                let created = try await repository.create(
                    userId: people.driverUser, name: "driver", permissions: Role.driver.maximalPermissions,
                    kind: .test)
                let gateway = AuthenticatedService(
                    service: fixture.service,
                    authenticator: APIKeyAuthenticator(
                        database: fixture.database,
                        verifier: APIKeyVerifier(
                            // A lifetime no loaded machine outlasts: the key is read once.
                            store: CachedAPIKeyStore(base: repository, lifetime: .seconds(600)), hasher: .development)))
                let headers = [("X-API-Key", created.token.text)]
                func collections(_ query: String) async throws -> [String] {
                    var response: GraphQLResponse?
                    let read = try await SeededSuites.QueryCostTests.profiledCollections(fixture.database) {
                        response = try await gateway.execute(
                            GraphQLRequest(query: query), headers: headers, client: ClientInfo())
                    }
                    #expect(response?.errors.map(\.message) == [], "\(query)")
                    return read
                }
                _ = try await collections("{ __typename }")  // the key is read once, then cached
                #expect(try await collections("{ __typename }") == [])
                #expect(try await collections("{ me { id } }") == ["users"])
                // The driver's rescues and their riders: the riders of its live jobs first.
                let withRiders = try await collections(
                    "{ rescueRequests(first: 5) { edges { node { id rider { id } } } } }")
                #expect(withRiders.first == "rescueassignments")
                #expect(withRiders.filter { $0 == "rescueassignments" }.count == 2)
                #expect(withRiders.contains("rescuerequests") && withRiders.contains("riderprofiles"))
                // Without riders in the selection, no list is read.
                let countOnly = try await collections("{ rescueRequests(first: 5) { totalCount } }")
                #expect(Set(countOnly) == ["rescuerequests"], "\(countOnly)")
            }
        }
    }
}
