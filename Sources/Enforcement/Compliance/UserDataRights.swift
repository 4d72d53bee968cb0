import DataModel
import GraphQLEngine
public import MongoStore
import Security

/// The data subject's rights as the API serves them (`exportUserData`,
/// `eraseUser`): the export and erasure of `Security`'s `UserDataExport` and
/// `UserErasure`, with the caller's check and the audit entry, for resolvers
/// that cannot name either (`docs/ARCHITECTURE.md`, "Targets").
public struct UserDataRights: Sendable {
    let cipher: FieldCipher

    /// The development key ring (tests).
    public static var development: UserDataRights { UserDataRights(cipher: FieldCipher(keyRing: .development)) }

    /// What an erasure found.
    public enum Erasure: Sendable, Equatable {
        case noSuchUser, alreadyErased, erased
    }

    /// Everything stored about `userId`, decrypted; nil when there is no such
    /// user. Only an admin (or a trusted tool) may export anyone's data; any
    /// other caller only its own (`FORBIDDEN` otherwise). Each export is
    /// recorded in `auditlogs` (`user.export`, the collections exported)
    /// before it is returned: an export that cannot be recorded is not served.
    public func export(_ userId: ObjectID, in context: AccessContext) async throws -> BSONDocument? {
        if case .caller(let caller) = context.principal, caller.key.role != .admin, caller.key.userId != userId {
            throw GraphQLError(
                message: "Not allowed: only an admin key may export another user's data.",
                extensions: [("code", .string(GraphQLError.Code.forbidden))])
        }
        let now = BSONDate.now()
        guard let export = try await UserDataExport(database: context.database, cipher: cipher).export(userId, at: now)
        else { return nil }
        var exported: [String] = []
        if case .document(let collections)? = export["collections"] { exported = collections.keys }
        let entry = context.auditEntry(
            action: "user.export", collection: .users, entityId: userId, fields: [],
            otherCollections: exported.compactMap(Collections.init(rawValue:)), at: now)
        try await context.collection(.auditLogs).insertOne(entry)
        return export
    }

    /// Erases `userId` (`UserErasure`), recorded as `user.erase` by this
    /// request's caller in the erasure's own transaction. Which roles may is
    /// the write policy's (admin).
    public func erase(_ userId: ObjectID, in context: AccessContext) async throws -> Erasure {
        let audit = RecordedWrite(
            userId: context.principal.userID, keyId: context.principal.keyID, requestId: context.requestId,
            action: "user.erase", collection: .users, entityId: userId, fields: [], at: .now(),
            ipAddress: context.client.address, userAgent: context.client.userAgent)
        switch try await UserErasure(database: context.database, cipher: cipher).erase(userId, audit: audit) {
        case .noSuchUser: return .noSuchUser
        case .alreadyErased: return .alreadyErased
        case .erased: return .erased
        }
    }
}
