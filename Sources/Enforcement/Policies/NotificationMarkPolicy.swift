import DataModel
public import GraphQLEngine
import MongoStore
public import Security

/// `Mutation.markNotificationRead`: who may mark which notification read.
///
/// - Its `@requires` asks for `notifications:write` (and the type's
///   `notifications:read`): reading notifications no longer lets a key change
///   them.
/// - A rider or driver marks only the user's own notifications: the write's
///   filter carries the `notifications` row rule (`userId` is the caller), so
///   another user's notification is neither changed nor returned.
/// - Support and admin may mark any user's notification (a console clearing a
///   stuck alert); marking another user's is recorded in `auditlogs`
///   (`notification.markRead`, the recipient in `changes.ownerId`), and in
///   production refused while the audit cannot record it.
public struct NotificationMarkPolicy: WritePolicy {
    /// The audit entry's action.
    public static let action = "notification.markRead"

    public init() {}

    public var fieldName: String { "markNotificationRead" }

    /// Every role that holds the permission may mark; which notifications is
    /// the row rule's to say.
    public func check(role: Role, arguments: ArgumentValues) throws(GraphQLError) {}

    public func isAudited(role: Role) -> Bool { role.seesEveryRow }

    public func written(_ value: ResolvedValue, by caller: Caller, in context: AccessContext, audit: FieldAudit)
        -> ResolvedValue
    {
        guard caller.key.role.seesEveryRow else { return value }
        let (requestId, client) = (context.requestId, context.client)
        return value.map { result in
            guard case .object(let source) = result, let row = source as? any StoredDocument, let id = row.storedID
            else { return result }
            let owner: ObjectID? = if case .objectID(let userId)? = row.document["userId"] { userId } else { nil }
            if owner != caller.key.userId {
                audit.record(
                    AuditedWrite(
                        requestId: requestId, userId: caller.key.userId, keyId: caller.key.keyId, action: Self.action,
                        collection: .notifications, entityId: id, ownerId: owner, changes: ["read": true],
                        at: .now(), ipAddress: client.address, userAgent: client.userAgent))
            }
            return result
        }
    }
}
