/// Turns the UTF-8 bytes of a `Source` into tokens, one at a time, skipping
/// ignored tokens (white space, line terminators, commas, comments and the
/// byte order mark) (https://spec.graphql.org/October2021/#sec-Language.Source-Text).
///
/// Behaviour and error wording follow graphql-js 16's lexer, so a document is
/// rejected with the same message at the same place by either implementation.
/// Unlike JavaScript strings, our input may hold invalid UTF-8, which is a
/// syntax error wherever it occurs.
struct Lexer {
    let source: Source
    private let bytes: [UInt8]
    /// The current token.
    private(set) var token: Token
    /// Where the token before the current one ended; it closes the location of
    /// the node just parsed.
    private(set) var lastTokenEnd = 0
    /// The token after the current one, when the parser has looked ahead
    /// (valid when `hasPeeked`; kept non-optional to avoid generic copies).
    private var peeked: Token
    private var hasPeeked = false

    init(source: Source) {
        self.source = source
        self.bytes = source.utf8
        let startOfFile = Token(kind: .startOfFile, start: 0, end: 0)
        self.token = startOfFile
        self.peeked = startOfFile
    }

    /// Moves to the next token (read it from `token`). At the end of the input
    /// it stays on `<EOF>`.
    mutating func advance() throws(GraphQLError) {
        lastTokenEnd = token.end
        if hasPeeked {
            token = peeked
            hasPeeked = false
        } else if token.kind != .endOfFile {
            token = try readToken(from: token.end)
        }
    }

    /// The token after the current one, without moving.
    mutating func lookahead() throws(GraphQLError) -> Token {
        if token.kind == .endOfFile { return token }
        if !hasPeeked {
            peeked = try readToken(from: token.end)
            hasPeeked = true
        }
        return peeked
    }

    // MARK: - Reading tokens

    /// The byte at `index`, or -1 past the end (a value no byte has).
    @inline(__always)
    private func code(_ index: Int) -> Int {
        index < bytes.count ? Int(bytes[index]) : -1
    }

    private func error(_ description: String, at offset: Int) -> GraphQLError {
        .syntax(description, source: source, offset: offset)
    }

    private func readToken(from start: Int) throws(GraphQLError) -> Token {
        var position = start
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            switch byte {
            case 0x09, 0x20, 0x2C, 0x0A, 0x0D:  // tab, space, comma, LF, CR
                position += 1
                continue
            case 0xEF where code(position + 1) == 0xBB && code(position + 2) == 0xBF:  // BOM U+FEFF
                position += 3
                continue
            case 0x23:  // # comment, up to the end of the line
                position = skipComment(from: position + 1)
                continue
            case 0x21: return Token(kind: .bang, start: position, end: position + 1)
            case 0x24: return Token(kind: .dollar, start: position, end: position + 1)
            case 0x26: return Token(kind: .amp, start: position, end: position + 1)
            case 0x28: return Token(kind: .parenL, start: position, end: position + 1)
            case 0x29: return Token(kind: .parenR, start: position, end: position + 1)
            case 0x2E:
                if code(position + 1) == 0x2E && code(position + 2) == 0x2E {
                    return Token(kind: .spread, start: position, end: position + 3)
                }
            case 0x3A: return Token(kind: .colon, start: position, end: position + 1)
            case 0x3D: return Token(kind: .equals, start: position, end: position + 1)
            case 0x40: return Token(kind: .at, start: position, end: position + 1)
            case 0x5B: return Token(kind: .bracketL, start: position, end: position + 1)
            case 0x5D: return Token(kind: .bracketR, start: position, end: position + 1)
            case 0x7B: return Token(kind: .braceL, start: position, end: position + 1)
            case 0x7C: return Token(kind: .pipe, start: position, end: position + 1)
            case 0x7D: return Token(kind: .braceR, start: position, end: position + 1)
            case 0x22:
                if code(position + 1) == 0x22 && code(position + 2) == 0x22 {
                    return try readBlockString(from: position)
                }
                return try readString(from: position)
            default:
                break
            }
            if isDigit(Int(byte)) || byte == 0x2D {
                return try readNumber(from: position)
            }
            if isNameStart(Int(byte)) {
                return readName(from: position)
            }
            if byte == 0x27 {
                throw error(
                    "Unexpected single quote character ('), did you mean to use a double quote (\")?",
                    at: position)
            }
            if byte >= 0x80, decodeScalar(at: position) == nil {
                throw error(invalidUTF8Description(at: position), at: position)
            }
            throw error("Unexpected character: \(describeCharacter(at: position)).", at: position)
        }
        return Token(kind: .endOfFile, start: count, end: count)
    }

    /// Skips a comment's text (https://spec.graphql.org/October2021/#sec-Comments)
    /// and returns where it ends: at a line terminator, the end, or invalid UTF-8
    /// (which the next token read then reports).
    private func skipComment(from start: Int) -> Int {
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x0A || byte == 0x0D { break }
            if byte < 0x80 {
                position += 1
            } else if let scalar = decodeScalar(at: position) {
                position += scalar.length
            } else {
                break
            }
        }
        return position
    }

    /// `Name :: NameStart NameContinue*` (https://spec.graphql.org/October2021/#Name).
    private func readName(from start: Int) -> Token {
        var position = start + 1
        while position < bytes.count, isNameContinue(Int(bytes[position])) {
            position += 1
        }
        return Token(kind: .name, start: start, end: position, value: text(start, position))
    }

    /// IntValue and FloatValue
    /// (https://spec.graphql.org/October2021/#sec-Int-Value, #sec-Float-Value).
    /// A number may not be followed by `.` or a name start, so `123abc` and `1.`
    /// are errors rather than two tokens.
    private func readNumber(from start: Int) throws(GraphQLError) -> Token {
        var position = start
        var current = code(position)
        var isFloat = false
        if current == 0x2D {  // -
            position += 1
            current = code(position)
        }
        if current == 0x30 {  // 0
            position += 1
            current = code(position)
            if isDigit(current) {
                throw error(
                    "Invalid number, unexpected digit after 0: \(describeCharacter(at: position)).",
                    at: position)
            }
        } else {
            position = try readDigits(from: position)
            current = code(position)
        }
        if current == 0x2E {  // .
            isFloat = true
            position = try readDigits(from: position + 1)
            current = code(position)
        }
        if current == 0x45 || current == 0x65 {  // E e
            isFloat = true
            position += 1
            current = code(position)
            if current == 0x2B || current == 0x2D {  // + -
                position += 1
            }
            position = try readDigits(from: position)
            current = code(position)
        }
        if current == 0x2E || isNameStart(current) {
            throw error(
                "Invalid number, expected digit but got: \(describeCharacter(at: position)).",
                at: position)
        }
        return Token(kind: isFloat ? .float : .int, start: start, end: position, value: text(start, position))
    }

    private func readDigits(from start: Int) throws(GraphQLError) -> Int {
        guard isDigit(code(start)) else {
            throw error(
                "Invalid number, expected digit but got: \(describeCharacter(at: start)).", at: start)
        }
        var position = start + 1
        while isDigit(code(position)) { position += 1 }
        return position
    }

    /// `"..."` with escape sequences (https://spec.graphql.org/October2021/#sec-String-Value).
    private func readString(from start: Int) throws(GraphQLError) -> Token {
        var position = start + 1
        var chunkStart = position
        // Only built when the string has escapes; otherwise the value is a slice.
        var value: [UInt8] = []
        var hasEscapes = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {  // closing quote
                let string: String
                if hasEscapes {
                    value.append(contentsOf: bytes[chunkStart..<position])
                    string = String(decoding: value, as: UTF8.self)
                } else {
                    string = text(chunkStart, position)
                }
                return Token(kind: .string, start: start, end: position + 1, value: string)
            }
            if byte == 0x5C {  // backslash
                if !hasEscapes {
                    hasEscapes = true
                    value.reserveCapacity(position - chunkStart + 16)
                }
                value.append(contentsOf: bytes[chunkStart..<position])
                let escape: (scalar: UInt32, size: Int)
                if code(position + 1) == 0x75 {  // u
                    escape =
                        code(position + 2) == 0x7B
                        ? try readVariableWidthUnicodeEscape(at: position)
                        : try readFixedWidthUnicodeEscape(at: position)
                } else {
                    escape = try readEscapedCharacter(at: position)
                }
                appendUTF8(escape.scalar, to: &value)
                position += escape.size
                chunkStart = position
                continue
            }
            if byte == 0x0A || byte == 0x0D { break }
            if byte < 0x80 {
                position += 1
            } else if let scalar = decodeScalar(at: position) {
                position += scalar.length
            } else {
                throw error(
                    "Invalid character within String: \(describeCharacter(at: position)).", at: position)
            }
        }
        throw error("Unterminated string.", at: position)
    }

    /// `\u{1F600}`: one to eight hex digits naming a Unicode scalar value.
    private func readVariableWidthUnicodeEscape(at position: Int) throws(GraphQLError) -> (
        scalar: UInt32, size: Int
    ) {
        var point: Int32 = 0
        var size = 3
        // At most twelve bytes: `\u{00000000}`.
        while size < 12 {
            let current = code(position + size)
            size += 1
            if current == 0x7D {  // }
                if size < 5 || !isUnicodeScalarValue(Int(point)) { break }
                return (UInt32(point), size)
            }
            point = (point &<< 4) | Int32(hexValue(current))
            if point < 0 { break }
        }
        throw error("Invalid Unicode escape sequence: \"\(text(position, position + size))\".", at: position)
    }

    /// `\uXXXX`, where a leading surrogate must be followed by `\uXXXX` naming a
    /// trailing surrogate; the pair stands for one supplementary code point.
    private func readFixedWidthUnicodeEscape(at position: Int) throws(GraphQLError) -> (
        scalar: UInt32, size: Int
    ) {
        let point = readFourHexDigits(at: position + 2)
        if isUnicodeScalarValue(point) {
            return (UInt32(point), 6)
        }
        if (0xD800...0xDBFF).contains(point), code(position + 6) == 0x5C, code(position + 7) == 0x75 {
            let trailing = readFourHexDigits(at: position + 8)
            if (0xDC00...0xDFFF).contains(trailing) {
                let combined = 0x10000 + ((point - 0xD800) << 10) + (trailing - 0xDC00)
                return (UInt32(combined), 12)
            }
        }
        throw error("Invalid Unicode escape sequence: \"\(text(position, position + 6))\".", at: position)
    }

    /// Four hex digits as a number, or a negative number if any is not a hex digit.
    private func readFourHexDigits(at position: Int) -> Int {
        let digits = (0..<4).map { hexValue(code(position + $0)) }
        if digits.contains(where: { $0 < 0 }) { return -1 }
        return digits.reduce(0) { $0 << 4 | $1 }
    }

    /// `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`
    /// (https://spec.graphql.org/October2021/#EscapedCharacter).
    private func readEscapedCharacter(at position: Int) throws(GraphQLError) -> (scalar: UInt32, size: Int) {
        switch code(position + 1) {
        case 0x22: return (0x22, 2)
        case 0x5C: return (0x5C, 2)
        case 0x2F: return (0x2F, 2)
        case 0x62: return (0x08, 2)
        case 0x66: return (0x0C, 2)
        case 0x6E: return (0x0A, 2)
        case 0x72: return (0x0D, 2)
        case 0x74: return (0x09, 2)
        default:
            // Quote the backslash and the whole character after it.
            var end = min(position + 2, bytes.count)
            if position + 1 < bytes.count, bytes[position + 1] >= 0x80,
                let scalar = decodeScalar(at: position + 1)
            {
                end = position + 1 + scalar.length
            }
            throw error("Invalid character escape sequence: \"\(text(position, end))\".", at: position)
        }
    }

    /// `"""..."""`: raw text where only `\"""` is an escape, with the common
    /// indentation and the leading and trailing blank lines removed
    /// (https://spec.graphql.org/October2021/#BlockStringValue()).
    private func readBlockString(from start: Int) throws(GraphQLError) -> Token {
        var position = start + 3
        var chunkStart = position
        var lines: [[UInt8]] = []
        var currentLine: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 && code(position + 1) == 0x22 && code(position + 2) == 0x22 {
                currentLine.append(contentsOf: bytes[chunkStart..<position])
                lines.append(currentLine)
                let value = BlockString.dedentedValue(lines: lines)
                return Token(kind: .blockString, start: start, end: position + 3, value: value)
            }
            if byte == 0x5C && code(position + 1) == 0x22 && code(position + 2) == 0x22
                && code(position + 3) == 0x22
            {
                // `\"""` stands for `"""`: drop the backslash only.
                currentLine.append(contentsOf: bytes[chunkStart..<position])
                chunkStart = position + 1
                position += 4
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                currentLine.append(contentsOf: bytes[chunkStart..<position])
                lines.append(currentLine)
                currentLine.removeAll(keepingCapacity: true)
                position += (byte == 0x0D && code(position + 1) == 0x0A) ? 2 : 1
                chunkStart = position
                continue
            }
            if byte < 0x80 {
                position += 1
            } else if let scalar = decodeScalar(at: position) {
                position += scalar.length
            } else {
                throw error(
                    "Invalid character within String: \(describeCharacter(at: position)).", at: position)
            }
        }
        throw error("Unterminated string.", at: position)
    }

    // MARK: - Characters

    private func text(_ start: Int, _ end: Int) -> String {
        let upper = min(end, bytes.count)
        guard start < upper else { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<upper]), as: UTF8.self)
        }
    }

    /// A character as graphql-js quotes it in messages: `"a"`, `'"'` for a double
    /// quote, `U+00E9` outside printable ASCII, `<EOF>` past the end.
    private func describeCharacter(at position: Int) -> String {
        guard position < bytes.count else { return "<EOF>" }
        let byte = bytes[position]
        if byte >= 0x20 && byte <= 0x7E {
            return byte == 0x22 ? "'\"'" : "\"\(Character(Unicode.Scalar(byte)))\""
        }
        if byte < 0x80 { return unicodeName(UInt32(byte)) }
        if let scalar = decodeScalar(at: position) { return unicodeName(scalar.value) }
        return "byte 0x\(hex(UInt32(byte), width: 2)) (invalid UTF-8)"
    }

    private func invalidUTF8Description(at position: Int) -> String {
        "Invalid UTF-8 byte 0x\(hex(UInt32(bytes[position]), width: 2))."
    }

    private func unicodeName(_ value: UInt32) -> String { "U+" + hex(value, width: 4) }

    private func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Decodes one UTF-8 sequence starting with a non-ASCII byte. Returns nil for
    /// anything that is not well-formed UTF-8 (stray continuation bytes, overlong
    /// forms, encoded surrogates, values above U+10FFFF, truncated sequences).
    private func decodeScalar(at position: Int) -> (value: UInt32, length: Int)? {
        let lead = code(position)
        let length: Int
        var value: UInt32
        var lowest: UInt32
        switch lead {
        case 0xC2...0xDF: (length, value, lowest) = (2, UInt32(lead & 0x1F), 0x80)
        case 0xE0...0xEF: (length, value, lowest) = (3, UInt32(lead & 0x0F), 0x800)
        case 0xF0...0xF4: (length, value, lowest) = (4, UInt32(lead & 0x07), 0x10000)
        default: return nil
        }
        for offset in 1..<length {
            let next = code(position + offset)
            guard next >= 0x80 && next <= 0xBF else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
        }
        guard value >= lowest, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return (value, length)
    }

    /// Appends a Unicode scalar value (checked by the caller) as UTF-8.
    private func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            buffer.append(UInt8(scalar))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | (scalar >> 6)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | (scalar >> 12)))
            buffer.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            buffer.append(UInt8(0xF0 | (scalar >> 18)))
            buffer.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            buffer.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}

// MARK: - Character classes (https://spec.graphql.org/October2021/#sec-Names)

@inline(__always) func isDigit(_ code: Int) -> Bool { code >= 0x30 && code <= 0x39 }

@inline(__always) func isLetter(_ code: Int) -> Bool {
    (code >= 0x61 && code <= 0x7A) || (code >= 0x41 && code <= 0x5A)
}

@inline(__always) func isNameStart(_ code: Int) -> Bool { isLetter(code) || code == 0x5F }

@inline(__always) func isNameContinue(_ code: Int) -> Bool { isNameStart(code) || isDigit(code) }

@inline(__always) func isUnicodeScalarValue(_ code: Int) -> Bool {
    (code >= 0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0x10FFFF)
}

/// The value of a hex digit, or -1.
@inline(__always) func hexValue(_ code: Int) -> Int {
    switch code {
    case 0x30...0x39: code - 0x30
    case 0x41...0x46: code - 0x37
    case 0x61...0x66: code - 0x57
    default: -1
    }
}
