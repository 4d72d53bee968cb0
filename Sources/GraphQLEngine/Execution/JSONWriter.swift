/// Writes responses straight to JSON bytes (RFC 8259), without Foundation.
///
/// Strings are escaped as `JSON.stringify` escapes them (`"`, `\`, and
/// control characters: `\b \f \n \r \t` by name, the others as `\u00XX`);
/// everything else is written as UTF-8. Numbers are written as JavaScript
/// writes them: integers in full, doubles in their shortest round-tripping
/// form with JavaScript's layout (`1` not `1.0`, `1e+21`, `1.5e-7`).
/// Non-finite doubles cannot occur (Float coercion rejects them); were one to
/// slip through it is written as `null`, as `JSON.stringify` does.
///
/// Non-copyable because its `JSONBuffer` is; `finish()` hands the bytes over.
struct JSONWriter: ~Copyable {
    var bytes: JSONBuffer

    init(capacity: Int = 64) {
        bytes = JSONBuffer(capacity: capacity)
    }

    /// The bytes written.
    consuming func finish() -> [UInt8] { bytes.finish() }

    mutating func write(_ response: GraphQLResponse) {
        bytes.append(UInt8(ascii: "{"))
        var needsComma = false
        if !response.errors.isEmpty {
            writeRaw("\"errors\":[")
            for (index, error) in response.errors.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(error)
            }
            bytes.append(UInt8(ascii: "]"))
            needsComma = true
        }
        if let tree = response.tree {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            writeRaw("\"data\":")
            write(tree, slot: 0)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// `{"message":...,"locations":[...],"path":[...],"extensions":{...}}`,
    /// empty parts left out (https://spec.graphql.org/October2021/#sec-Errors).
    mutating func write(_ error: GraphQLError) {
        writeRaw("{\"message\":")
        write(string: error.message)
        if !error.locations.isEmpty {
            writeRaw(",\"locations\":[")
            for (index, location) in error.locations.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeRaw("{\"line\":")
                write(int: location.line)
                writeRaw(",\"column\":")
                write(int: location.column)
                bytes.append(UInt8(ascii: "}"))
            }
            bytes.append(UInt8(ascii: "]"))
        }
        if !error.path.isEmpty {
            writeRaw(",\"path\":[")
            for (index, component) in error.path.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                switch component {
                case .key(let key): write(string: key)
                case .index(let position): write(int: position)
                }
            }
            bytes.append(UInt8(ascii: "]"))
        }
        if !error.extensions.isEmpty {
            writeRaw(",\"extensions\":")
            write(.object(error.extensions))
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func write(_ tree: ResultTree, slot index: Int) {
        tree.slots.withUnsafeBufferPointer { slots in
            tree.objectKeys.withUnsafeBufferPointer { keys in
                write(slots, keys, index)
            }
        }
    }

    private mutating func write(
        _ slots: UnsafeBufferPointer<ResultSlot>, _ objectKeys: UnsafeBufferPointer<ObjectKeys>, _ index: Int
    ) {
        if slots[index].isNull {
            writeRaw("null")
            return
        }
        switch slots[index].value {
        case .pending:
            writeRaw("null")
        case .leaf(let value):
            write(value)
        case .object(let start, let keysIndex):
            bytes.append(UInt8(ascii: "{"))
            objectKeys[keysIndex].encoded.withUnsafeBufferPointer { encoded in
                objectKeys[keysIndex].ends.withUnsafeBufferPointer { ends in
                    var from = 0
                    for offset in 0..<ends.count {
                        bytes.append(UnsafeBufferPointer(rebasing: encoded[from..<ends[offset]]))
                        from = ends[offset]
                        write(slots, objectKeys, start + offset)
                    }
                }
            }
            bytes.append(UInt8(ascii: "}"))
        case .list(let start, let count):
            bytes.append(UInt8(ascii: "["))
            for offset in 0..<count {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                write(slots, objectKeys, start + offset)
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: writeRaw("null")
        case .bool(let flag): writeRaw(flag ? "true" : "false")
        case .int(let number): write(int: number)
        case .double(let number): write(double: number)
        case .string(let text): write(string: text)
        case .list(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let entries):
            bytes.append(UInt8(ascii: "{"))
            for (index, entry) in entries.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(string: entry.key)
                bytes.append(UInt8(ascii: ":"))
                write(entry.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    @inline(__always)
    mutating func writeRaw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append($0) }
    }

    mutating func write(int value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: 48 + value))
            return
        }
        var magnitude = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(truncatingIfNeeded: 48 + magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            let digitBytes = UnsafeBufferPointer(buffer.bindMemory(to: UInt8.self))
            bytes.append(UnsafeBufferPointer(rebasing: digitBytes[(20 - count)...]))
        }
    }

    mutating func write(double value: Double) {
        guard value.isFinite else {
            writeRaw("null")
            return
        }
        if value.rounded(.towardZero) == value {
            if abs(value) < 1e15 {
                write(int: Int(value))
            } else {
                append(JSONValue.javaScriptNumberString(value))
            }
            return
        }
        // Swift's description has the same shortest digits as JavaScript; for
        // a value with a fraction the layouts agree whenever Swift uses no exponent.
        let text = value.description
        if !text.utf8.contains(UInt8(ascii: "e")) {
            append(text)
            return
        }
        append(JSONValue.javaScriptNumberString(value))
    }

    /// Text that needs no escaping (number text), as is.
    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append($0) }
    }

    mutating func write(string: String) {
        // Native strings (all of ours) lend their bytes in place; others are copied first.
        let written: Void? = string.utf8.withContiguousStorageIfAvailable { write(utf8: $0) }
        if written == nil {
            var text = string
            text.withUTF8 { write(utf8: $0) }
        }
    }

    private mutating func write(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.reserve(utf8.count + 2)
        bytes.appendReserved(UInt8(ascii: "\""))
        var runStart = 0
        var index = JSONWriter.firstEscape(in: utf8, from: 0)
        while index < utf8.count {
            if runStart < index { bytes.append(UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            runStart = index + 1
            let byte = utf8[index]
            switch byte {
            case 0x22: writeRaw("\\\"")
            case 0x5C: writeRaw("\\\\")
            case 0x0A: writeRaw("\\n")
            case 0x0D: writeRaw("\\r")
            case 0x09: writeRaw("\\t")
            case 0x08: writeRaw("\\b")
            case 0x0C: writeRaw("\\f")
            default:
                writeRaw("\\u00")
                bytes.append(JSONWriter.hexDigits[Int(byte >> 4)])
                bytes.append(JSONWriter.hexDigits[Int(byte & 0x0F)])
            }
            index = JSONWriter.firstEscape(in: utf8, from: index + 1)
        }
        if runStart < utf8.count { bytes.append(UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The index of the first byte at or after `start` that JSON must escape
    /// (a control character, `"` or `\`), or `utf8.count`. Names and
    /// descriptions rarely hold one, so it tests eight bytes at a time.
    @inline(__always)
    static func firstEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = utf8.count
        if let base = utf8.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                if needsEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { break }
                index += 8
            }
        }
        while index < count {
            let byte = utf8[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return index }
            index += 1
        }
        return count
    }

    /// Whether any of the eight bytes of `word` is below 0x20, a `"` or a `\`
    /// (the classic bit tests for "a byte less than n" and "a zero byte",
    /// exact as to whether any byte matches).
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quotes = (quote &- ones) & ~quote & highs
        let backslashes = (backslash &- ones) & ~backslash & highs
        return (control | quotes | backslashes) != 0
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

extension JSONValue {
    /// The value as JSON bytes, written as `JSON.stringify` would write it.
    public func jsonBytes() -> [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.finish()
    }

    /// The value as a JSON string.
    public var jsonString: String { String(decoding: jsonBytes(), as: UTF8.self) }
}
