import Enforcement
import Foundation
import GraphQLEngine
import HummingbirdTesting
import MongoStore
import NIOCore
import Resolvers
import Security

/// What the security tests add to `GatewayFixture`: the real schema with a
/// field pipeline of their choosing, more users with keys, and requests as them.
enum SecuritySchema {
    static var text: String {
        get throws {
            try String(
                contentsOfFile: LiveDatabase.repositoryRoot.appendingPathComponent("Schema.graphql").path,
                encoding: .utf8)
        }
    }

    /// `Schema.graphql` with its resolvers and `security`'s pipeline.
    static func make(_ security: FieldSecurity = .development) throws -> ExecutableSchema {
        try SupportCarrSchema.make(sdl: try text, security: security)
    }
}

extension GatewayFixture {
    /// A new user of `role` and the text of a key for it holding `permissions`
    /// (its role's full set when nil).
    func user(_ role: Role, permissions: PermissionSet? = nil) async throws -> (id: ObjectID, key: String) {
        let id = ObjectID()
        try await database.collection("users").insertOne([
            "_id": .objectID(id), "role": .string(role.rawValue), "phoneVerified": true,
            "createdAt": .date(.now()), "updatedAt": .date(.now()),
        ])
        let created = try await APIKeyRepository(database: database, hasher: .development).create(
            userId: id, name: "\(role) test key", permissions: permissions ?? role.maximalPermissions, kind: .test)
        return (id, created.token.text)
    }

    /// `query` sent as the holder of `key`; the response's JSON.
    func post(
        _ query: String, variables: String? = nil, key: String, client: any TestClientProtocol
    ) async throws -> JSONValue? {
        var fields = headers()
        fields[.authorization] = "Bearer \(key)"
        let response = try await client.execute(
            uri: "/graphql", method: .post, headers: fields, body: graphQLBody(query, variables: variables))
        return response.body.json
    }
}
