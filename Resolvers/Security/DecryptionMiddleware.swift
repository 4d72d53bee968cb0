public import GraphQLEngine
import MongoStore
public import Security
import SupportCarrData

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
        guard let collection = EntityCollections.collection(of: field.parentType.name),
            let parent = field.parent as? DocumentSource, let id = parent.objectID("_id")
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

/// What the gateway's field pipeline needs to enforce `Schema.graphql`'s
/// security directives: the key ring (decryption) and where personal-data
/// reads are audited.
public struct FieldSecurity: Sendable {
    public var cipher: FieldCipher
    public var audit: PersonalDataAuditRecorder?

    public init(cipher: FieldCipher, audit: PersonalDataAuditRecorder? = nil) {
        self.cipher = cipher
        self.audit = audit
    }

    /// The development key ring, no audit (tests and a laptop's demo data).
    public static var development: FieldSecurity { FieldSecurity(cipher: FieldCipher(keyRing: .development)) }

    /// The middleware, outermost first: the permission check, then decryption.
    public func middleware(for schema: GraphQLSchema) throws(SecuritySchemaError) -> [any FieldMiddleware] {
        [try PermissionMiddleware(schema: schema, audit: audit), DecryptionMiddleware(cipher: cipher)]
    }
}
