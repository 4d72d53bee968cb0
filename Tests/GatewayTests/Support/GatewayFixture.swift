import Enforcement
import Foundation
import Gateway
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import Logging
import MongoStore
import NIOCore
import Resolvers
import Security

/// A gateway over a throw-away database with one admin user and a valid API
/// key, serving `TestSchema` (or the real schema) through the real
/// `APIKeyAuthenticator` and `DatabaseReadiness`.
struct GatewayFixture: Sendable {
    let client: MongoClient
    let database: MongoDatabase
    let gateway: Gateway
    let calls: TestSchema.Calls
    /// A valid key's full text.
    let apiKey: String
    let userID: ObjectID

    static func with<R>(
        configuration: GatewayConfiguration = GatewayConfiguration(port: 0),
        schema: ExecutableSchema? = nil,
        logger: Logger = Logger(label: "gateway-test", factory: { _ in SwiftLogNoOpLogHandler() }),
        readiness: (any ReadinessProbe)? = nil,
        playground: (any PlaygroundAssets)? = nil,
        metrics: GatewayMetrics = GatewayMetrics(),
        exporter: OTLPExporter? = nil,
        requestExecutor: (any TaskExecutor)? = nil,
        keyCacheLifetime: Duration = CachedAPIKeyStore.defaultLifetime,
        _ body: (GatewayFixture) async throws -> R
    ) async throws -> R {
        try await TestDatabase.with { client, database in
            let userID = ObjectID()
            try await database.collection("users").insertOne([
                "_id": .objectID(userID), "role": "admin", "name": "Test Admin", "isActive": true,
            ])
            let repository = APIKeyRepository(database: database, hasher: .development)
            let created = try await repository.create(
                userId: userID, name: "gateway tests", permissions: .everything, kind: .test)
            // As `serve` does: keys read once per prefix and cache lifetime.
            let verifier = APIKeyVerifier(
                store: CachedAPIKeyStore(base: repository, lifetime: keyCacheLifetime, metrics: metrics.factory),
                hasher: .development)
            let calls = TestSchema.Calls()
            let executable = try schema ?? TestSchema.make(calls: calls)
            let gateway = Gateway(
                configuration: configuration,
                schema: executable,
                authenticator: APIKeyAuthenticator(database: database, verifier: verifier),
                readiness: readiness ?? DatabaseReadiness(client: client, timeout: .seconds(2)),
                playground: playground, requestExecutor: requestExecutor ?? client.taskExecutor, metrics: metrics,
                logger: logger,
                // The channel `serve` runs (HTTP/1 that may upgrade to a
                // subscription's WebSocket), so every HTTP test runs on it.
                servesSubscriptions: true, exporter: exporter)
            let fixture = GatewayFixture(
                client: client, database: database, gateway: gateway, calls: calls, apiKey: created.token.text,
                userID: userID)
            return try await body(fixture)
        }
    }

    /// Runs `test` against the gateway listening on a free port (HummingbirdTesting `.live`).
    func live<R: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> R) async throws -> R {
        try await gateway.makeApplication().test(.live, test)
    }

    /// Headers of an authenticated JSON request.
    func headers(accept: String? = "application/graphql-response+json", contentType: String? = "application/json")
        -> HTTPFields
    {
        var fields: HTTPFields = [:]
        fields[.authorization] = "Bearer \(apiKey)"
        if let accept { fields[.accept] = accept }
        if let contentType { fields[.contentType] = contentType }
        return fields
    }
}

/// Request and response bodies as text and JSON.
extension ByteBuffer {
    var text: String { String(buffer: self) }

    var json: JSONValue? { try? JSONValue(parsingJSON: Array(readableBytesView)) }
}

extension JSONValue {
    /// The value at a path of object keys and list indices (`"errors", 0, "extensions", "code"`).
    subscript(path: any PathKey...) -> JSONValue? {
        var current: JSONValue? = self
        for key in path {
            switch (current, key) {
            case (.object(let entries)?, let name as String): current = entries.first { $0.key == name }?.value
            case (.list(let items)?, let index as Int): current = items.indices.contains(index) ? items[index] : nil
            default: return nil
            }
        }
        return current
    }
}

protocol PathKey {}
extension String: PathKey {}
extension Int: PathKey {}

/// A JSON body for a GraphQL request.
func graphQLBody(_ query: String, variables: String? = nil, extensions: String? = nil) -> ByteBuffer {
    var text = "{\"query\":\(JSONValue.string(query).jsonString)"
    if let variables { text += ",\"variables\":\(variables)" }
    if let extensions { text += ",\"extensions\":\(extensions)" }
    text += "}"
    return ByteBuffer(string: text)
}

/// Percent-encodes a query-string value.
func queryEncoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
}
