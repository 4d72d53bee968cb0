import Crypto

/// Keyed blind indexes: HMAC-SHA-256 of a normalised value, stored beside an
/// encrypted field so that it can carry a unique index and be looked up by value
/// (`docs/DATA-MODEL.md`, "Encryption at rest"). A random-nonce ciphertext can do neither: the
/// same phone number encrypts differently every time.
///
/// The hash is keyed (`SUPPORTCARR_BLIND_INDEX_KEY`), so someone holding the
/// database but not the key cannot test guesses against it; it is a separate key
/// from the data keys, and it does not rotate with them (rotating it means
/// recomputing every hash).
public struct BlindIndex: Sendable {
    /// What a value is; decides its normalisation and separates the hash spaces,
    /// so a plate and a phone number with the same text never hash alike.
    public enum Kind: String, Sendable, CaseIterable {
        /// `User.phoneNumber`: digits only, with a leading `+` (`+1 (415) 555-0100`
        /// → `+14155550100`). Values should be E.164; no country code is guessed.
        case phoneNumber
        /// `Vehicle.plateNumber`: letters and digits only, upper-cased
        /// (`7abc 123` → `7ABC123`).
        case plateNumber
        /// `RiderProfile.email`: trimmed and lower-cased (`Dana@Example.com ` →
        /// `dana@example.com`).
        case email

        /// The normal form of `value`, or `nil` when nothing indexable is left.
        public func normalise(_ value: String) -> String? {
            switch self {
            case .phoneNumber:
                let digits = value.unicodeScalars.filter { ("0"..."9").contains($0) }
                return digits.isEmpty ? nil : "+" + String(String.UnicodeScalarView(digits))
            case .plateNumber:
                let kept = value.filter { $0.isLetter || $0.isNumber }.uppercased()
                return kept.isEmpty ? nil : kept
            case .email:
                let kept = value.trimmingSpaces.lowercased()
                return kept.isEmpty ? nil : kept
            }
        }
    }

    let key: SymmetricKey

    /// A blind index keyed with 64 hex digits (32 bytes).
    public init(keyHex: String) throws(KeyMaterialError) {
        guard let bytes = Hex.decode(keyHex) else { throw .notHex }
        guard bytes.count == 32 else { throw .wrongLength(bytes.count) }
        self.key = SymmetricKey(data: bytes)
    }

    init(keyBytes: [UInt8]) {
        self.key = SymmetricKey(data: keyBytes)
    }

    /// The hash of `value` as 64 lower-case hex digits: HMAC-SHA-256 over
    /// `kind.rawValue`, a zero byte, then the normalised value's UTF-8.
    public func hash(_ value: String, as kind: Kind) throws(BlindIndexError) -> String {
        guard let normal = kind.normalise(value) else { throw .nothingToIndex(kind) }
        var message = Array(kind.rawValue.utf8)
        message.append(0)
        message.append(contentsOf: normal.utf8)
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// `hash(phone, as: .phoneNumber)`.
    public func phoneNumberHash(_ phone: String) throws(BlindIndexError) -> String {
        try hash(phone, as: .phoneNumber)
    }

    /// `hash(email, as: .email)`.
    public func emailHash(_ email: String) throws(BlindIndexError) -> String {
        try hash(email, as: .email)
    }

    /// `hash(plate, as: .plateNumber)`.
    public func plateNumberHash(_ plate: String) throws(BlindIndexError) -> String {
        try hash(plate, as: .plateNumber)
    }
}

/// Why a value could not be blind-indexed.
public enum BlindIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Normalisation left nothing (no digit in a phone number, no letter or digit in a plate).
    case nothingToIndex(BlindIndex.Kind)

    public var description: String {
        switch self {
        case .nothingToIndex(let kind): "no indexable characters in the \(kind.rawValue)"
        }
    }
}
