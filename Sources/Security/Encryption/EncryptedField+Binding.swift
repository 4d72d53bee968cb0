public import DataModel
public import MongoStore

extension EncryptedField {
    /// The binding a value of this field in document `documentId` is encrypted
    /// under (`FieldCipher` associated data): collection, field, `_id` as hex.
    public func binding(documentId: ObjectID) -> FieldBinding {
        FieldBinding(collection: collection.name, field: field, documentId: documentId.hex)
    }
}
