public import DataModel
public import MongoStore

/// One read of personal data to be written to `auditlogs`: who (user and key),
/// which document, which fields, when, and from where (`README.md`,
/// "Permissions": personal-data reads by support and admin are audited).
public struct PersonalDataRead: Sendable, Hashable {
    /// Groups the fields read of one document in one request into one entry.
    public struct Key: Sendable, Hashable {
        public var requestId: ObjectID
        public var collection: Collections
        public var entityId: ObjectID
    }

    public var requestId: ObjectID
    public var userId: ObjectID
    public var keyId: ObjectID
    /// The collection read, such as `riderprofiles` (`AuditLog.entity`).
    public var collection: Collections
    public var entityId: ObjectID
    /// The schema fields read, sorted (`AuditLog.changes.fields`); never values.
    public var fields: Set<String>
    public var at: BSONDate
    public var ipAddress: String?
    public var userAgent: String?

    public init(
        requestId: ObjectID, userId: ObjectID, keyId: ObjectID, collection: Collections, entityId: ObjectID,
        fields: Set<String>, at: BSONDate, ipAddress: String?, userAgent: String?
    ) {
        self.requestId = requestId
        self.userId = userId
        self.keyId = keyId
        self.collection = collection
        self.entityId = entityId
        self.fields = fields
        self.at = at
        self.ipAddress = ipAddress
        self.userAgent = userAgent
    }

    public var key: Key { Key(requestId: requestId, collection: collection, entityId: entityId) }

    /// The `auditlogs` document (action `pii.read`): the field names and the key
    /// id go into `changes`, so the entry says what was read, never the values.
    /// Client-sent text (user agent) is cut to 512 characters.
    public var document: BSONDocument {
        var document: BSONDocument = [
            "_id": .objectID(ObjectID()), "userId": .objectID(userId), "action": "pii.read",
            "entity": .string(collection.name), "entityId": .objectID(entityId),
            "changes": [
                "fields": .array(fields.sorted().map(BSONValue.string)), "apiKeyId": .objectID(keyId),
                "requestId": .objectID(requestId),
            ],
        ]
        if let ipAddress { document["ipAddress"] = .string(String(ipAddress.prefix(128))) }
        if let userAgent { document["userAgent"] = .string(String(userAgent.prefix(512))) }
        document["createdAt"] = .date(at)
        return document
    }
}
