public import DataModel
public import MongoStore
import Security

/// Encryption on write, for resolvers that cannot name `FieldCipher` or
/// `BlindIndex` (`docs/ARCHITECTURE.md`, "Targets"): the same cipher, key ring,
/// binding and blind index the reads use, so a value a mutation writes is one
/// `DecryptionMiddleware` opens and one the unique blind indexes see.
///
/// Every value is sealed under the ring's newest key and bound to its
/// collection, field and document, so a value written for one rider cannot be
/// copied onto another. The hash of a field with a blind index is computed
/// here too, so the resolver writes both in one update.
public struct PersonalDataSealer: Sendable {
    let cipher: FieldCipher
    let blindIndex: BlindIndex

    /// The development key ring and blind-index key (tests, the demo).
    public static var development: PersonalDataSealer {
        PersonalDataSealer(cipher: FieldCipher(keyRing: .development), blindIndex: .development)
    }

    /// `text` encrypted as the value of `field` in document `documentId`.
    public func seal(_ text: String, as field: EncryptedField, in documentId: ObjectID) throws(SealingError)
        -> String
    {
        do {
            return try cipher.encrypt(text, for: field.binding(documentId: documentId))
        } catch {
            throw .encryptionFailed(field.description)
        }
    }

    /// An object (`DriverProfile.bankDetails`) encrypted as its JSON text, as
    /// `DecryptionMiddleware` expects it.
    public func sealObject(_ object: [String: String], as field: EncryptedField, in documentId: ObjectID)
        throws(SealingError) -> String
    {
        do {
            return try cipher.encryptJSON(object, for: field.binding(documentId: documentId))
        } catch {
            throw .encryptionFailed(field.description)
        }
    }

    /// The keyed hash stored beside `field` (`EncryptedField.blindIndexField`)
    /// for `text`; nil when the field has no blind index.
    public func blindHash(_ text: String, for field: EncryptedField) throws(SealingError) -> String? {
        guard let kind = Self.kind(of: field) else { return nil }
        do {
            return try blindIndex.hash(text, as: kind)
        } catch {
            throw .nothingToIndex(field.description)
        }
    }

    /// Whether `text` leaves something to hash as a value of `field` (a phone
    /// number with digits, a plate with letters or digits); true for a field
    /// without a blind index. Resolvers check it before writing, so the
    /// refusal names the argument.
    public func isIndexable(_ text: String, for field: EncryptedField) -> Bool {
        guard let kind = Self.kind(of: field) else { return true }
        return kind.normalise(text) != nil
    }

    /// The blind index's kind of a field, by the hash field beside it.
    static func kind(of field: EncryptedField) -> BlindIndex.Kind? {
        switch field.blindIndexField {
        case "phoneNumberHash": .phoneNumber
        case "emailHash": .email
        case "plateNumberHash": .plateNumber
        default: nil
        }
    }
}

/// Why a value could not be sealed. Never shown to a client as it is: the
/// resolver checks its input first, so this is an internal error.
public enum SealingError: Error, Sendable, Equatable, CustomStringConvertible {
    case encryptionFailed(String)
    case nothingToIndex(String)

    public var description: String {
        switch self {
        case .encryptionFailed(let field): "\(field) could not be encrypted"
        case .nothingToIndex(let field): "\(field) has nothing to index"
        }
    }
}
