import DataModel
public import GraphQLEngine
import MongoStore
public import Security

/// Decrypts `@encrypted` fields, after `PermissionMiddleware` (it runs inside
/// it in the chain, so a denied field never reaches here) and only for fields
/// the query selects (middleware runs per selected field).
///
/// The stored value is opened with `FieldCipher` under the binding of its
/// place (collection, field, document `_id`), so a ciphertext copied from
/// another document or field fails. Any failure (tampered bytes, another
/// binding, an unknown key id, a value that is not a ciphertext at all) makes
/// the field null with a `DECRYPTION_FAILED` error: never a crash, never the
/// stored text. Encrypted objects (`DriverProfile.bankDetails`) hold their JSON
/// text and are served as the object it describes.
public struct DecryptionMiddleware: FieldMiddleware {
    public let cipher: FieldCipher

    public init(cipher: FieldCipher) {
        self.cipher = cipher
    }

    public func applies(to field: GraphQLField, of type: ObjectType) -> Bool {
        field.hasDirective(named: "encrypted")
    }

    public func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
        guard let collection = Collections(entityTypeName: field.parentType.name),
            let parent = field.parent as? any StoredDocument, let id = parent.storedID
        else { throw SecurityErrors.decryptionFailed }
        let binding = FieldBinding(collection: collection.name, field: field.fieldName, documentId: id.hex)
        let isObject = EncryptedField.named(collection, field.fieldName)?.isObject ?? false
        let cipher = self.cipher
        return try next(field).map { value in try DecryptionMiddleware.open(value, binding, isObject, cipher) }
    }

    @Sendable static func open(_ value: ResolvedValue, _ binding: FieldBinding, _ isObject: Bool, _ cipher: FieldCipher)
        throws -> ResolvedValue
    {
        switch value {
        case .null, .json(.null):
            return .null
        case .json(.string(let stored)):
            do {
                if isObject {
                    // The JSON text of the object (`FieldCipher.encryptJSON`, or the Node
                    // services' `JSON.stringify`); anything but an object is refused.
                    let object = try JSONValue(parsingJSON: try cipher.decryptBytes(stored, for: binding))
                    guard case .object = object else { throw SecurityErrors.decryptionFailed }
                    return .json(object)
                }
                return .json(.string(try cipher.decrypt(stored, for: binding)))
            } catch {
                throw SecurityErrors.decryptionFailed
            }
        default:
            // Anything but a string is not a stored ciphertext: never serve it.
            throw SecurityErrors.decryptionFailed
        }
    }
}
