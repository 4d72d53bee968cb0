/// The kinds of lexical tokens (https://spec.graphql.org/October2021/#sec-Language.Source-Text.Lexical-Tokens).
/// No raw values on purpose: comparing raw-value enums can fall back to the
/// standard library's generic `RawRepresentable` `==`, which compares strings.
public enum TokenKind: Sendable, Hashable {
    case startOfFile
    case endOfFile
    case bang
    case dollar
    case amp
    case parenL
    case parenR
    case spread
    case colon
    case equals
    case at
    case bracketL
    case bracketR
    case braceL
    case pipe
    case braceR
    case name
    case int
    case float
    case string
    case blockString

    /// How graphql-js names the kind in error messages.
    public var name: String {
        switch self {
        case .startOfFile: "<SOF>"
        case .endOfFile: "<EOF>"
        case .bang: "!"
        case .dollar: "$"
        case .amp: "&"
        case .parenL: "("
        case .parenR: ")"
        case .spread: "..."
        case .colon: ":"
        case .equals: "="
        case .at: "@"
        case .bracketL: "["
        case .bracketR: "]"
        case .braceL: "{"
        case .pipe: "|"
        case .braceR: "}"
        case .name: "Name"
        case .int: "Int"
        case .float: "Float"
        case .string: "String"
        case .blockString: "BlockString"
        }
    }

    /// Punctuators are quoted in messages (`"}"`), other kinds are not (`Name`).
    var isPunctuator: Bool {
        switch self {
        case .startOfFile, .endOfFile, .name, .int, .float, .string, .blockString: false
        default: true
        }
    }

    /// The kind as graphql-js writes it in "Expected ..." messages.
    var messageDescription: String { isPunctuator ? "\"\(name)\"" : name }
}

/// One lexical token: its kind, its UTF-8 byte range and, for names, numbers
/// and strings, its value (strings with escapes resolved and block strings dedented).
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var start: Int
    public var end: Int
    public var value: String?

    public init(kind: TokenKind, start: Int, end: Int, value: String? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.value = value
    }

    /// The token as graphql-js writes it in messages: `Name "foo"`, `"}"`, `<EOF>`.
    var messageDescription: String {
        if let value { return kind.messageDescription + " \"\(value)\"" }
        return kind.messageDescription
    }
}
