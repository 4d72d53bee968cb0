public import DataModel
public import MongoStore
import Security

extension AccessContext {
    /// The `auditlogs` document recording a write this request makes
    /// (`RecordedWrite`): the caller's user and key, the request, where it
    /// came from, and the names (never the values) of the fields set on
    /// `entityId` of `collection`, with the other collections the write
    /// changed. The resolver inserts it in the write's own transaction.
    public func auditEntry(
        action: String, collection: Collections, entityId: ObjectID, fields: [String],
        otherCollections: [Collections] = [], at: BSONDate
    ) -> BSONDocument {
        RecordedWrite(
            userId: principal.userID, keyId: principal.keyID, requestId: requestId, action: action,
            collection: collection, entityId: entityId, fields: fields, otherCollections: otherCollections, at: at,
            ipAddress: client.address, userAgent: client.userAgent
        ).document
    }
}
