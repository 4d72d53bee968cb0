/// One BSON value: every type of the BSON 1.1 specification that MongoDB still
/// uses (https://bsonspec.org/spec.html). The deprecated types (undefined,
/// DBPointer, symbol, JavaScript code) are not modelled; reading one fails with
/// ``BSONError/unsupportedType(key:typeCode:)`` instead of losing data silently.
public enum BSONValue: Sendable, Hashable {
    case double(Double)
    case string(String)
    case document(BSONDocument)
    case array([BSONValue])
    case binary(BSONBinary)
    case objectID(ObjectID)
    case bool(Bool)
    case date(BSONDate)
    case null
    case regex(BSONRegex)
    case int32(Int32)
    case timestamp(BSONTimestamp)
    case int64(Int64)
    case decimal128(BSONDecimal128)
    case minKey
    case maxKey

    /// The BSON type's name as MongoDB's `$type` operator spells it; used in
    /// error details ("expected string, found int").
    public var typeName: String {
        switch self {
        case .double: "double"
        case .string: "string"
        case .document: "object"
        case .array: "array"
        case .binary: "binData"
        case .objectID: "objectId"
        case .bool: "bool"
        case .date: "date"
        case .null: "null"
        case .regex: "regex"
        case .int32: "int"
        case .timestamp: "timestamp"
        case .int64: "long"
        case .decimal128: "decimal"
        case .minKey: "minKey"
        case .maxKey: "maxKey"
        }
    }
}

/// Binary data with its BSON subtype (0 generic, 4 UUID, 0x80+ user defined).
public struct BSONBinary: Sendable, Hashable {
    public var subtype: UInt8
    public var bytes: [UInt8]

    public init(subtype: UInt8 = 0, bytes: [UInt8]) {
        self.subtype = subtype
        self.bytes = bytes
    }
}

/// A regular expression as MongoDB stores it: the pattern and its option letters.
public struct BSONRegex: Sendable, Hashable {
    public var pattern: String
    public var options: String

    public init(pattern: String, options: String = "") {
        self.pattern = pattern
        self.options = options
    }
}

/// MongoDB's internal timestamp (replication and change stream cluster times):
/// seconds since the epoch and an ordinal within that second.
public struct BSONTimestamp: Sendable, Hashable {
    public var seconds: UInt32
    public var increment: UInt32

    public init(seconds: UInt32, increment: UInt32) {
        self.seconds = seconds
        self.increment = increment
    }
}
