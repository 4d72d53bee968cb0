import Crypto

/// One AES-256 data key with the id our versioned ciphertexts name it by.
///
/// Ids are 1 to 32 characters of `A-Z a-z 0-9 _ -`, so they can sit between the
/// `:` separators of the stored format and be printed in errors without escaping.
public struct EncryptionKey: Sendable {
    /// The key's id as written into every ciphertext made with it.
    public let id: String
    let symmetricKey: SymmetricKey

    /// A key from its id and 64 hex digits (32 bytes).
    public init(id: String, hex: String) throws(KeyMaterialError) {
        guard Self.isValidId(id) else { throw .invalidId }
        guard let bytes = Hex.decode(hex) else { throw .notHex }
        guard bytes.count == 32 else { throw .wrongLength(bytes.count) }
        self.id = id
        self.symmetricKey = SymmetricKey(data: bytes)
    }

    /// Whether `id` may name a key: 1 to 32 of `A-Z a-z 0-9 _ -`.
    public static func isValidId(_ id: String) -> Bool {
        guard (1...32).contains(id.utf8.count) else { return false }
        return id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default: false
            }
        }
    }

    /// Whether two keys hold the same bytes (compared in constant time).
    func hasSameMaterial(as other: SymmetricKey) -> Bool {
        symmetricKey == other
    }
}

/// Why a piece of key text was refused. Never carries the key text itself.
public enum KeyMaterialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The id is empty, longer than 32 characters or has a character outside `A-Z a-z 0-9 _ -`.
    case invalidId
    /// The key is not hexadecimal.
    case notHex
    /// The key decodes to this many bytes instead of 32.
    case wrongLength(Int)

    public var description: String {
        switch self {
        case .invalidId: "a key id must be 1 to 32 characters of A-Z a-z 0-9 _ -"
        case .notHex: "a key must be 64 hexadecimal digits"
        case .wrongLength(let count): "a key must be 64 hexadecimal digits (32 bytes), not \(count) bytes"
        }
    }
}
