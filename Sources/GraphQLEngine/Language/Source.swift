/// The text of a GraphQL document together with a name used in error reports.
///
/// The lexer works on the UTF-8 bytes, so every offset in the AST (`Location`) is
/// a UTF-8 byte offset into `utf8`. A `Source` made from raw bytes keeps them as
/// they are, so invalid UTF-8 reaches the lexer and is reported as a syntax error
/// instead of being silently repaired.
///
/// A class so that every `Document` and error can refer to the same text without
/// copying it; all stored properties are immutable, so it is `Sendable`.
public final class Source: Sendable, Hashable, CustomStringConvertible {
    /// The document text. For a source made from invalid UTF-8 bytes this is the
    /// repaired text (invalid sequences replaced by U+FFFD); `utf8` is the original.
    public let body: String
    /// The name shown in error reports, "GraphQL request" by default (as graphql-js).
    public let name: String
    /// The bytes the lexer reads.
    public let utf8: [UInt8]

    /// A source from text (always valid UTF-8).
    public init(_ body: String, name: String = "GraphQL request") {
        self.body = body
        self.name = name
        self.utf8 = Array(body.utf8)
    }

    /// A source from raw bytes, for example an HTTP body; invalid UTF-8 is kept
    /// and becomes a syntax error when parsed.
    public init(bytes: [UInt8], name: String = "GraphQL request") {
        self.body = String(decoding: bytes, as: UTF8.self)
        self.name = name
        self.utf8 = bytes
    }

    /// The 1-based line and column of a UTF-8 byte offset.
    ///
    /// Lines end at `\n`, `\r\n` or a lone `\r`
    /// (https://spec.graphql.org/October2021/#LineTerminator). The column counts
    /// UTF-16 code units from the start of the line, plus one, which is what
    /// graphql-js reports, so clients see the same numbers from either server.
    public func location(at offset: Int) -> SourceLocation {
        let end = min(max(offset, 0), utf8.count)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < end {
            let byte = utf8[index]
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            } else if byte == 0x0D {
                if index + 1 < utf8.count, utf8[index + 1] == 0x0A {
                    // graphql-js counts a `\r\n` that starts before the offset as one
                    // terminator even when the offset falls between its two bytes.
                    index += 1
                }
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        var position = lineStart
        while position < end {
            let byte = utf8[position]
            if byte & 0xC0 != 0x80 {
                column += byte >= 0xF0 && byte <= 0xF4 ? 2 : 1
            }
            position += 1
        }
        return SourceLocation(line: line, column: column)
    }

    public static func == (lhs: Source, rhs: Source) -> Bool {
        lhs === rhs || (lhs.name == rhs.name && lhs.utf8 == rhs.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(utf8.count)
    }

    public var description: String { body }
}
