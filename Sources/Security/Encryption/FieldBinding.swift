import Crypto

/// Where an encrypted value lives: its collection, its field and its document's
/// id. Our versioned ciphertexts are bound to it as AES-GCM associated data
/// (`docs/DATA-MODEL.md`, "Encryption at rest"), so a ciphertext copied into another
/// document, field or collection no longer decrypts.
public struct FieldBinding: Sendable, Hashable, CustomStringConvertible {
    /// The collection's name as stored, e.g. `users`.
    public let collection: String
    /// The field's path in the document, e.g. `phoneNumber` or `bankDetails`.
    public let field: String
    /// The owning document's `_id`, as its 24 hex digits for an ObjectId.
    public let documentId: String

    public init(collection: String, field: String, documentId: String) {
        self.collection = collection
        self.field = field
        self.documentId = documentId
    }

    public var description: String { "\(collection).\(field) of \(documentId)" }

    /// The associated data for a ciphertext under key `keyId`: a domain label,
    /// then each part as a 4-byte big-endian length and its UTF-8 bytes, so no two
    /// different bindings can encode the same bytes (`a`+`bc` vs `ab`+`c`).
    func associatedData(keyId: String) -> [UInt8] {
        var bytes = Array("supportcarr.field.v1".utf8)
        for part in [keyId, collection, field, documentId] {
            let utf8 = Array(part.utf8)
            let length = UInt32(truncatingIfNeeded: utf8.count)
            bytes.append(contentsOf: [
                UInt8(truncatingIfNeeded: length >> 24), UInt8(truncatingIfNeeded: length >> 16),
                UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length),
            ])
            bytes.append(contentsOf: utf8)
        }
        return bytes
    }

    /// A 4-byte fingerprint of the binding alone (not the key), stored in the
    /// clear beside the ciphertext. It is only a diagnostic: it tells "this
    /// ciphertext was made for another place" apart from "these bytes were
    /// damaged". It reveals nothing secret (collection, field and id sit in
    /// the same document in the clear); the security comes from the associated
    /// data, which GCM authenticates.
    var fingerprint: [UInt8] {
        Array(SHA256.hash(data: associatedData(keyId: "")).prefix(4))
    }
}
