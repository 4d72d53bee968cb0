/// Reading the list syntax of HTTP field values (RFC 9110 §5.6.1 lists,
/// §5.6.6 parameters) on their UTF-8 bytes, without making a `String` per
/// piece.
///
/// `Accept` and `Content-Type` are read on every GraphQL request; splitting
/// them into `String`s, trimming and lowercasing each piece cost more than
/// the rest of the transport checks together in a profile of `{ __typename }`
/// under load. Everything the gateway compares against is ASCII, so pieces
/// are compared byte by byte, ASCII letters case-insensitively (media types
/// and parameter names are case-insensitive, RFC 9110 §8.3.1).
struct HeaderValue {
    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    /// Calls `body` with each piece of `bytes` between `separator`s, with
    /// optional whitespace (spaces and tabs) trimmed; empty pieces are skipped.
    static func forEachPiece(of bytes: Bytes, separatedBy separator: UInt8, _ body: (Bytes) -> Void) {
        var start = bytes.startIndex
        while start <= bytes.endIndex {
            let end = bytes[start...].firstIndex(of: separator) ?? bytes.endIndex
            let piece = trimmed(bytes[start..<end])
            if !piece.isEmpty { body(piece) }
            start = end + 1
        }
    }

    /// The first piece before `separator` (all of `bytes` without one), trimmed.
    static func firstPiece(of bytes: Bytes, separatedBy separator: UInt8) -> Bytes {
        trimmed(bytes[bytes.startIndex..<(bytes.firstIndex(of: separator) ?? bytes.endIndex)])
    }

    /// `bytes` without leading and trailing spaces and tabs.
    static func trimmed(_ bytes: Bytes) -> Bytes {
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return bytes[lower..<upper]
    }

    /// Whether `bytes` spell `lowercase` (an ASCII literal in lower case), ignoring ASCII case.
    static func equalsIgnoringCase(_ bytes: Bytes, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { byte, wanted in
                let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                return folded == wanted
            }
        }
    }

    /// The value of parameter `name` (lower case) among `parameters` (the
    /// `;`-separated pieces after a media type), without surrounding quotes;
    /// nil when absent.
    static func parameter(_ name: StaticString, in parameters: Bytes) -> Bytes? {
        var found: Bytes?
        forEachPiece(of: parameters, separatedBy: UInt8(ascii: ";")) { piece in
            guard found == nil, let equals = piece.firstIndex(of: UInt8(ascii: "=")),
                equalsIgnoringCase(trimmed(piece[piece.startIndex..<equals]), name)
            else { return }
            var value = trimmed(piece[(equals + 1)...])
            if value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") {
                value = value.dropFirst().dropLast()
            }
            found = value
        }
        return found
    }

    /// Runs `body` on the UTF-8 bytes of `value` (contiguous for header
    /// strings, which NIO builds from the wire; copied once otherwise).
    static func withBytes<R>(of value: String, _ body: (Bytes) -> R) -> R {
        var value = value
        return value.withUTF8 { body($0[...]) }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
