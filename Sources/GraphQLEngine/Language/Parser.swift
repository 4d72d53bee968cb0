/// Limits that keep a hostile document from costing unbounded time or stack.
public struct ParseOptions: Sendable, Hashable {
    /// The most tokens (comments excluded) a document may have, or nil for no
    /// limit. Past it, parsing stops with graphql-js's
    /// "Document contains more that N tokens. Parsing aborted." error, with
    /// `extensions.code` `MAX_TOKENS_EXCEEDED` (`QueryLimits.maxTokens` sets it).
    public var maxTokens: Int?
    /// The deepest nesting of selection sets, list and object values and list
    /// types (counted together, as they share the parser's stack). Past it,
    /// parsing stops with a syntax error (`extensions.code`
    /// `MAX_NESTING_EXCEEDED`) instead of overflowing the stack. Selection
    /// sets are also held to it through fragment spreads, once the document
    /// is parsed (`Parser.checkFragmentNesting`): a chain of spreads nests as
    /// deeply as the inline fragments it stands for, so every later stage
    /// that follows spreads can rely on the same cap. `QueryLimits.maxNesting`
    /// sets it for a `GraphQLService`.
    public var maxDepth: Int

    public init(maxTokens: Int? = 15_000, maxDepth: Int = 256) {
        self.maxTokens = maxTokens
        self.maxDepth = maxDepth
    }

    /// No token limit (for trusted SDL such as the server's own schema file).
    public static let trusted = ParseOptions(maxTokens: nil)
}

/// A recursive-descent parser for the whole GraphQL language as graphql-js 16
/// accepts it (https://spec.graphql.org/October2021/#sec-Appendix-Grammar-Summary):
/// executable documents, type-system definitions and extensions.
///
/// Syntax errors are `GraphQLError`s worded as graphql-js words them
/// (`Syntax Error: Expected Name, found "}".`) and located at the offending token.
///
/// Use the static entry points: `Parser.parse(_:options:)`,
/// `Parser.parseValue(_:options:)`, `Parser.parseConstValue(_:options:)` and
/// `Parser.parseType(_:options:)`.
public struct Parser {
    var lexer: Lexer
    let options: ParseOptions
    private var tokenCount = 0
    private var depth = 0

    init(source: Source, options: ParseOptions) {
        self.lexer = Lexer(source: source)
        self.options = options
    }

    // MARK: - Entry points

    /// Parses a whole document (https://spec.graphql.org/October2021/#Document).
    public static func parse(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLError)
        -> Document
    {
        var parser = Parser(source: source, options: options)
        return try parser.parseDocument()
    }

    /// Parses a whole document from text.
    public static func parse(_ text: String, options: ParseOptions = ParseOptions()) throws(GraphQLError)
        -> Document
    {
        try parse(Source(text), options: options)
    }

    /// Parses a single value literal, variables allowed (as graphql-js's `parseValue`).
    public static func parseValue(_ source: Source, options: ParseOptions = ParseOptions())
        throws(GraphQLError) -> Value
    {
        var parser = Parser(source: source, options: options)
        _ = try parser.expect(.startOfFile)
        let value = try parser.parseValueLiteral(isConst: false)
        _ = try parser.expect(.endOfFile)
        return value
    }

    /// Parses a single value literal from text.
    public static func parseValue(_ text: String, options: ParseOptions = ParseOptions())
        throws(GraphQLError) -> Value
    {
        try parseValue(Source(text), options: options)
    }

    /// Parses a single constant value literal (no variables).
    public static func parseConstValue(_ source: Source, options: ParseOptions = ParseOptions())
        throws(GraphQLError) -> Value
    {
        var parser = Parser(source: source, options: options)
        _ = try parser.expect(.startOfFile)
        let value = try parser.parseValueLiteral(isConst: true)
        _ = try parser.expect(.endOfFile)
        return value
    }

    /// Parses a single constant value literal from text.
    public static func parseConstValue(_ text: String, options: ParseOptions = ParseOptions())
        throws(GraphQLError) -> Value
    {
        try parseConstValue(Source(text), options: options)
    }

    /// Parses a type reference such as `[String!]!` (as graphql-js's `parseType`).
    public static func parseType(_ source: Source, options: ParseOptions = ParseOptions())
        throws(GraphQLError) -> TypeReference
    {
        var parser = Parser(source: source, options: options)
        _ = try parser.expect(.startOfFile)
        let type = try parser.parseTypeReference()
        _ = try parser.expect(.endOfFile)
        return type
    }

    /// Parses a type reference from text.
    public static func parseType(_ text: String, options: ParseOptions = ParseOptions())
        throws(GraphQLError) -> TypeReference
    {
        try parseType(Source(text), options: options)
    }

    // MARK: - Token helpers

    var token: Token { lexer.token }

    /// The location of a node that began at `start` and ended with the last
    /// token consumed.
    func loc(_ start: Token) -> Location {
        Location(start: start.start, end: lexer.lastTokenEnd)
    }

    func syntaxError(_ description: String, at offset: Int) -> GraphQLError {
        .syntax(description, source: lexer.source, offset: offset)
    }

    /// Moves to the next token, counting it against `maxTokens`.
    mutating func advance() throws(GraphQLError) {
        try lexer.advance()
        if let maxTokens = options.maxTokens, lexer.token.kind != .endOfFile {
            tokenCount += 1
            if tokenCount > maxTokens { throw tooManyTokens(maxTokens, at: lexer.token.start) }
        }
    }

    @inline(never)
    private func tooManyTokens(_ maxTokens: Int, at offset: Int) -> GraphQLError {
        // The wording (including "that") is graphql-js 16's; the code is our
        // own, so a client can tell a document refused for its size from a typo.
        var error = syntaxError("Document contains more that \(maxTokens) tokens. Parsing aborted.", at: offset)
        error.extensions = [("code", .string(GraphQLError.Code.maxTokensExceeded))]
        return error
    }

    func peek(_ kind: TokenKind) -> Bool { token.kind == kind }

    /// Consumes a token of the given kind or fails with "Expected X, found Y.".
    @discardableResult
    mutating func expect(_ kind: TokenKind) throws(GraphQLError) -> Token {
        let current = token
        guard current.kind == kind else {
            throw syntaxError(
                "Expected \(kind.messageDescription), found \(current.messageDescription).", at: current.start
            )
        }
        try advance()
        return current
    }

    @inline(never)
    private func expectationFailed(_ kind: TokenKind) -> GraphQLError {
        syntaxError(
            "Expected \(kind.messageDescription), found \(token.messageDescription).", at: token.start)
    }

    /// Consumes a token of the given kind if it is next.
    mutating func expectOptional(_ kind: TokenKind) throws(GraphQLError) -> Bool {
        guard token.kind == kind else { return false }
        try advance()
        return true
    }

    /// Consumes the name `keyword` or fails with `Expected "keyword", found Y.`.
    mutating func expectKeyword(_ keyword: String) throws(GraphQLError) {
        let current = token
        guard current.kind == .name, current.value == keyword else {
            throw syntaxError(
                "Expected \"\(keyword)\", found \(current.messageDescription).", at: current.start)
        }
        try advance()
    }

    /// Consumes the name `keyword` if it is next.
    mutating func expectOptionalKeyword(_ keyword: String) throws(GraphQLError) -> Bool {
        guard token.kind == .name, token.value == keyword else { return false }
        try advance()
        return true
    }

    /// "Unexpected X." at the given token (the current one by default).
    @inline(never)
    func unexpected(_ at: Token? = nil) -> GraphQLError {
        let offending = at ?? token
        return syntaxError("Unexpected \(offending.messageDescription).", at: offending.start)
    }

    /// `open item* close`, possibly empty.
    mutating func any<T>(
        _ open: TokenKind, _ close: TokenKind, _ item: (inout Parser) throws(GraphQLError) -> T
    ) throws(GraphQLError) -> [T] {
        try expect(open)
        var items: [T] = []
        while try !expectOptional(close) {
            items.append(try item(&self))
        }
        return items
    }

    /// `open item+ close`.
    mutating func many<T>(
        _ open: TokenKind, _ close: TokenKind, _ item: (inout Parser) throws(GraphQLError) -> T
    ) throws(GraphQLError) -> [T] {
        try expect(open)
        var items: [T] = []
        repeat {
            items.append(try item(&self))
        } while try !expectOptional(close)
        return items
    }

    /// `(open item+ close)?`: empty when `open` is not next.
    mutating func optionalMany<T>(
        _ open: TokenKind, _ close: TokenKind, _ item: (inout Parser) throws(GraphQLError) -> T
    ) throws(GraphQLError) -> [T] {
        guard try expectOptional(open) else { return [] }
        var items: [T] = []
        repeat {
            items.append(try item(&self))
        } while try !expectOptional(close)
        return items
    }

    /// `delimiter? item (delimiter item)*`.
    mutating func delimitedMany<T>(
        _ delimiter: TokenKind, _ item: (inout Parser) throws(GraphQLError) -> T
    ) throws(GraphQLError) -> [T] {
        _ = try expectOptional(delimiter)
        var items: [T] = []
        repeat {
            items.append(try item(&self))
        } while try expectOptional(delimiter)
        return items
    }

    /// Goes one nesting level deeper, failing cleanly past `maxDepth`. Pair with
    /// `leaveNesting()`. The recursive functions call these directly rather than
    /// through closures to keep their stack frames small.
    @inline(__always)
    mutating func enterNesting() throws(GraphQLError) {
        if depth >= options.maxDepth { throw nestingTooDeep() }
        depth += 1
    }

    @inline(__always)
    mutating func leaveNesting() { depth -= 1 }

    @inline(never)
    private func nestingTooDeep() -> GraphQLError {
        // A code of our own, as for too many tokens: the document is refused
        // for its shape, not for a typo.
        var error = syntaxError(
            "Document exceeds the maximum nesting depth of \(options.maxDepth). Parsing aborted.",
            at: token.start)
        error.extensions = [("code", .string(GraphQLError.Code.maxNestingExceeded))]
        return error
    }

    // MARK: - Document

    /// `Document :: Definition+`.
    mutating func parseDocument() throws(GraphQLError) -> Document {
        let start = token
        let definitions = try many(.startOfFile, .endOfFile) { (parser: inout Parser) throws(GraphQLError) in
            try parser.parseDefinition()
        }
        let document = Document(definitions: definitions, loc: loc(start), source: lexer.source)
        try Parser.checkFragmentNesting(document, maxDepth: options.maxDepth)
        return document
    }

    /// One definition, chosen by its keyword (looking past a description).
    mutating func parseDefinition() throws(GraphQLError) -> Definition {
        if peek(.braceL) {
            return .operation(try parseOperationDefinition())
        }
        let hasDescription = peekDescription()
        let keyword = hasDescription ? try lexer.lookahead() : token
        if keyword.kind == .name, let value = keyword.value {
            switch value {
            case "schema": return .schema(try parseSchemaDefinition())
            case "scalar": return .scalarType(try parseScalarTypeDefinition())
            case "type": return .objectType(try parseObjectTypeDefinition())
            case "interface": return .interfaceType(try parseInterfaceTypeDefinition())
            case "union": return .unionType(try parseUnionTypeDefinition())
            case "enum": return .enumType(try parseEnumTypeDefinition())
            case "input": return .inputObjectType(try parseInputObjectTypeDefinition())
            case "directive": return .directive(try parseDirectiveDefinition())
            default: break
            }
            if hasDescription {
                throw syntaxError(
                    "Unexpected description, descriptions are supported only on type definitions.",
                    at: token.start)
            }
            switch value {
            case "query", "mutation", "subscription": return .operation(try parseOperationDefinition())
            case "fragment": return .fragment(try parseFragmentDefinition())
            case "extend": return try parseTypeSystemExtension()
            default: break
            }
        }
        throw unexpected(keyword)
    }

    /// `Name`.
    @inline(never)
    mutating func parseName() throws(GraphQLError) -> Name {
        let nameToken = try expect(.name)
        return Name(value: nameToken.value ?? "", loc: loc(nameToken))
    }
}
