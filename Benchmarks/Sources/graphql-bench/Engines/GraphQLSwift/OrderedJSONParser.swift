import GraphQL
import OrderedCollections

/// Parses JSON text (RFC 8259) into GraphQLSwift's `Map`, keeping the members of
/// every object in the order the text has them.
///
/// Foundation's decoders hand object members over in hash order, so a custom
/// scalar whose value is an object would come back with its keys shuffled; the
/// default semantics pass such values through unchanged. Runs once per process,
/// outside the timed loop.
struct OrderedJSONParser {
    struct SyntaxError: Error, CustomStringConvertible {
        let offset: Int
        let expected: String
        var description: String { "invalid JSON at byte \(offset): expected \(expected)" }
    }

    private let bytes: [UInt8]
    private var index = 0

    static func parse(_ bytes: [UInt8]) throws -> Map {
        var parser = OrderedJSONParser(bytes: bytes)
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw SyntaxError(offset: parser.index, expected: "end of text") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func value() throws -> Map {
        skipWhitespace()
        guard index < bytes.count else { throw SyntaxError(offset: index, expected: "a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default: return try number()
        }
    }

    private mutating func object() throws -> Map {
        index += 1
        var members: OrderedDictionary<String, Map> = [:]
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            return .dictionary(members)
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw SyntaxError(offset: index, expected: "a member name") }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            members[key] = try value()
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return .dictionary(members)
        }
    }

    private mutating func array() throws -> Map {
        index += 1
        var items: [Map] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            return .array(items)
        }
        while true {
            items.append(try value())
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "]"))
            return .array(items)
        }
    }

    private mutating func string() throws -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flushRun(_ end: Int) {
            scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                flushRun(index)
                index += 1
                return String(scalars)
            }
            if byte == UInt8(ascii: "\\") {
                flushRun(index)
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), peek(UInt8(ascii: "\\")),
                        index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: throw SyntaxError(offset: index - 1, expected: "an escape character")
                }
                runStart = index
                continue
            }
            index += 1
        }
        throw SyntaxError(offset: index, expected: "the end of the string")
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw SyntaxError(offset: index, expected: "four hexadecimal digits") }
        index += 4
        return code
    }

    private mutating func number() throws -> Map {
        let start = index
        while index < bytes.count, Self.numberBytes.contains(bytes[index]) {
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let isInteger = !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        if isInteger, let integer = Int(text) { return .int(integer) }
        guard !text.isEmpty, let double = Double(text) else { throw SyntaxError(offset: start, expected: "a value") }
        return .double(double)
    }

    private static let numberBytes = Set(Array("0123456789-+.eE".utf8))

    private mutating func literal(_ word: StaticString) throws {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count,
            bytes[index..<index + length].elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: length))
        else { throw SyntaxError(offset: index, expected: "\(word)") }
        index += length
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard peek(byte) else { throw SyntaxError(offset: index, expected: "\"\(Character(Unicode.Scalar(byte)))\"") }
        index += 1
    }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private mutating func skipWhitespace() {
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09
        {
            index += 1
        }
    }
}
