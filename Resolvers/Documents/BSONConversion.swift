public import GraphQLEngine
public import MongoStore

/// How stored BSON values become GraphQL values: ObjectIds as 24 hex digits
/// (scalar `ObjectID`), dates as ISO 8601 strings (scalar `DateTime`), embedded
/// documents as parents for the next level, every other value as JSON
/// (https://spec.graphql.org/October2021/#sec-Value-Completion does the rest).
public enum BSONConversion {
    /// A stored value as a field value: embedded documents stay documents (read
    /// lazily, field by field), arrays become lists, leaves become JSON.
    public static func resolved(_ value: BSONValue) -> ResolvedValue {
        switch value {
        case .document(let document): return .object(DocumentSource(document))
        case .array(let items): return .list(items.map(resolved))
        case .null: return .null
        default: return .json(json(value))
        }
    }

    /// A stored value as JSON, for leaves and for the free-form `JSON` scalar.
    public static func json(_ value: BSONValue) -> JSONValue {
        switch value {
        case .double(let number): return .double(number)
        case .string(let text): return .string(text)
        case .document(let document): return .object(document.elements.map { (key: $0.key, value: json($0.value)) })
        case .array(let items): return .list(items.map(json))
        case .binary(let binary): return .string(Base64.encode(binary.bytes))
        case .objectID(let id): return .string(id.hex)
        case .bool(let flag): return .bool(flag)
        case .date(let date): return .string(ISO8601.format(date))
        case .null, .minKey, .maxKey: return .null
        case .regex(let regex): return .string("/\(regex.pattern)/\(regex.options)")
        case .int32(let number): return .int(Int(number))
        case .timestamp(let stamp): return .int(Int(stamp.seconds))
        case .int64(let number): return .int(Int(number))
        case .decimal128(let number): return .string(String(describing: number))
        }
    }
}

/// Standard base64 (RFC 4648 section 4), for binary values and cursors.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a base64 text; nil when it is not base64.
    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        for byte in text.utf8 where byte != UInt8(ascii: "=") {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt8(value))
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)].map { $0 } + [0, 0, 0, 0]
            out.append(chunk[0] << 2 | chunk[1] >> 4)
            if index + 2 < values.count { out.append(chunk[1] << 4 | chunk[2] >> 2) }
            if index + 3 < values.count { out.append(chunk[2] << 6 | chunk[3]) }
            index += 4
        }
        return out
    }
}
