public import DataModel
public import MongoStore

/// A change a support or admin key made to another user's data, to be written
/// to `auditlogs` (`README.md`, "Permissions": staff may act on any user's
/// records, and what they change of someone else's is on record). One entry
/// per write: unlike reads, two writes are never merged.
public struct AuditedWrite: Sendable, Hashable {
    public var requestId: ObjectID
    /// The staff member's user.
    public var userId: ObjectID
    public var keyId: ObjectID
    /// What was done, as `area.verb` (`notification.markRead`).
    public var action: String
    /// The collection written, such as `notifications` (`AuditLog.entity`).
    public var collection: Collections
    public var entityId: ObjectID
    /// The user whose data it is (the notification's recipient).
    public var ownerId: ObjectID?
    /// What changed, by field (`{"read": true}`); never a plaintext of an encrypted field.
    public var changes: BSONDocument
    public var at: BSONDate
    public var ipAddress: String?
    public var userAgent: String?

    public init(
        requestId: ObjectID, userId: ObjectID, keyId: ObjectID, action: String, collection: Collections,
        entityId: ObjectID, ownerId: ObjectID?, changes: BSONDocument, at: BSONDate, ipAddress: String?,
        userAgent: String?
    ) {
        self.requestId = requestId
        self.userId = userId
        self.keyId = keyId
        self.action = action
        self.collection = collection
        self.entityId = entityId
        self.ownerId = ownerId
        self.changes = changes
        self.at = at
        self.ipAddress = ipAddress
        self.userAgent = userAgent
    }

    /// The `auditlogs` document: the changes, the owner and the key id go into
    /// `changes`. Client-sent text is cut as for `PersonalDataRead`.
    public var document: BSONDocument {
        var changes = self.changes
        if let ownerId { changes["ownerId"] = .objectID(ownerId) }
        changes["apiKeyId"] = .objectID(keyId)
        changes["requestId"] = .objectID(requestId)
        var document: BSONDocument = [
            "_id": .objectID(ObjectID()), "userId": .objectID(userId), "action": .string(action),
            "entity": .string(collection.name), "entityId": .objectID(entityId), "changes": .document(changes),
        ]
        if let ipAddress { document["ipAddress"] = .string(String(ipAddress.prefix(128))) }
        if let userAgent { document["userAgent"] = .string(String(userAgent.prefix(512))) }
        document["createdAt"] = .date(at)
        return document
    }
}
