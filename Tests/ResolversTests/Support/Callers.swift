import Enforcement
import MongoStore
import Resolvers
import Security
import SupportCarrData
import Testing

/// Principals of real users of a seeded database, as `APIKeyAuthenticator`
/// would build them (the same row scope), with a key holding `permissions`
/// (the role's maximum when nil).
enum Callers {
    static func principal(
        user: ObjectID, in database: MongoDatabase, permissions: PermissionSet? = nil
    ) async throws -> Principal {
        let stored = try #require(try await database.collection("users").findOne(["_id": .objectID(user)]))
        guard case .string(let roleName)? = stored["role"], let role = Role(rawValue: roleName) else {
            throw CancellationError()
        }
        let key = AuthenticatedKey(
            keyId: ObjectID(), userId: user, role: role, kind: .test, lookupPrefix: "sk_test_matrix000000",
            keyPermissions: permissions ?? role.maximalPermissions)
        let scope = try await APIKeyAuthenticator.scope(of: key, in: database)
        return .caller(Caller(key: key, scope: scope))
    }

    /// The `_id` of the first user of `role` (in `_id` order) that has the profile it needs.
    static func firstUser(_ role: Role, in database: MongoDatabase, skip: Int = 0) async throws -> ObjectID {
        let users = try await database.collection("users").find(
            ["role": .string(role.rawValue)], options: FindOptions(sort: ["_id": 1], skip: skip, limit: 1))
        guard case .objectID(let id)? = users.first?["_id"] else { throw CancellationError() }
        return id
    }
}
