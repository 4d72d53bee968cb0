public import DataModel
public import MongoStore

/// The `auditlogs` entry of one write a client made through the API, written
/// in the same transaction as the write itself, so that a write is never on
/// record without having happened nor the other way round (`README.md`,
/// "Permissions": every write is audited).
///
/// It names what changed by field only: `changes.fields` lists the names of
/// the fields the write set on `entity` and `changes.collections` the other
/// collections it wrote (history, payments, statistics...). No value is ever
/// copied, so personal data (a name, an address, a position) cannot reach the
/// audit log through it (`docs/DATA-MODEL.md`, "The other collections":
/// `changes` never holds a plaintext of an encrypted field).
public struct RecordedWrite: Sendable, Hashable {
    /// The user whose key made the write; nil for trusted tools.
    public var userId: ObjectID?
    /// The API key used; nil for trusted tools.
    public var keyId: ObjectID?
    public var requestId: ObjectID
    /// What was done, as `area.verb` (`rescue.create`, `assignment.accept`).
    public var action: String
    /// The collection of the document the write is about (`AuditLog.entity`).
    public var collection: Collections
    public var entityId: ObjectID
    /// The names of the fields set on that document.
    public var fields: [String]
    /// The other collections the same write changed.
    public var otherCollections: [Collections]
    public var at: BSONDate
    public var ipAddress: String?
    public var userAgent: String?
    /// Who wrote when no key did (`userId` and `keyId` nil): a webhook
    /// (`webhook:stripe`, `webhook:twilio`) or a command (`cli:payouts`),
    /// as `changes.principal`.
    public var principal: String?

    public init(
        userId: ObjectID?, keyId: ObjectID?, requestId: ObjectID, action: String, collection: Collections,
        entityId: ObjectID, fields: [String], otherCollections: [Collections] = [], at: BSONDate,
        ipAddress: String? = nil, userAgent: String? = nil, principal: String? = nil
    ) {
        self.userId = userId
        self.keyId = keyId
        self.requestId = requestId
        self.action = action
        self.collection = collection
        self.entityId = entityId
        self.fields = fields
        self.otherCollections = otherCollections
        self.at = at
        self.ipAddress = ipAddress
        self.userAgent = userAgent
        self.principal = principal
    }

    /// The `auditlogs` document. Client-sent text (address, user agent) is cut
    /// as for `PersonalDataRead`.
    public var document: BSONDocument {
        var changes: BSONDocument = [
            "fields": .array(fields.map(BSONValue.string)),
            "collections": .array(otherCollections.map { .string($0.name) }),
        ]
        changes["apiKeyId"] = keyId.map(BSONValue.objectID) ?? .null
        changes["requestId"] = .objectID(requestId)
        if let principal { changes["principal"] = .string(principal) }
        var document: BSONDocument = [
            "_id": .objectID(ObjectID()), "userId": userId.map(BSONValue.objectID) ?? .null,
            "action": .string(action), "entity": .string(collection.name), "entityId": .objectID(entityId),
            "changes": .document(changes),
        ]
        if let ipAddress { document["ipAddress"] = .string(String(ipAddress.prefix(128))) }
        if let userAgent { document["userAgent"] = .string(String(userAgent.prefix(512))) }
        document["createdAt"] = .date(at)
        return document
    }
}
