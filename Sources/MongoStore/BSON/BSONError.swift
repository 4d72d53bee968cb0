/// Why a BSON value could not be built, read or converted. These are programming
/// or data-shape errors; the MongoDB layer wraps them in ``MongoError`` (kind
/// `decoding` or `invalidArgument`) before anything reaches a client.
public enum BSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A required field is absent (or null).
    case missingField(String)
    /// A field holds another BSON type than the one asked for.
    case typeMismatch(key: String, expected: String, found: String)
    /// A number does not fit the integer type asked for.
    case outOfRange(key: String, value: String)
    /// A string is not 24 hexadecimal digits.
    case invalidObjectID(String)
    /// libbson rejected a document (bad key, too large, malformed bytes, bad JSON).
    case invalidDocument(String)
    /// The data holds a deprecated BSON type this model does not carry.
    case unsupportedType(key: String, typeCode: UInt32)

    public var description: String {
        switch self {
        case .missingField(let key): "missing field '\(key)'"
        case .typeMismatch(let key, let expected, let found): "field '\(key)': expected \(expected), found \(found)"
        case .outOfRange(let key, let value): "field '\(key)': \(value) is out of range"
        case .invalidObjectID(let text): "invalid ObjectId '\(text)'"
        case .invalidDocument(let why): "invalid BSON document: \(why)"
        case .unsupportedType(let key, let code): "field '\(key)': unsupported BSON type 0x\(String(code, radix: 16))"
        }
    }
}
