/// The one error type of the engine: a syntax error, a validation error or a
/// field error, shaped as the response's `errors` entries
/// (https://spec.graphql.org/October2021/#sec-Errors.Error-result-format).
///
/// `message` is worded as graphql-js 16 words it wherever graphql-js has the
/// same error, so clients and tools see familiar text.
public struct GraphQLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Where in the document the error lies (1-based), empty when not tied to text.
    public var locations: [SourceLocation]
    /// The response path of a field error, empty otherwise.
    public var path: [PathComponent]
    /// Extra data for clients, in order; `code` is the stable machine-readable kind.
    public var extensions: [(key: String, value: JSONValue)]

    public init(
        message: String, locations: [SourceLocation] = [], path: [PathComponent] = [],
        extensions: [(key: String, value: JSONValue)] = []
    ) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
    }

    /// An error located at the start of the given AST nodes' locations in `source`.
    public init(
        message: String, nodes: [Location], source: Source, path: [PathComponent] = [],
        extensions: [(key: String, value: JSONValue)] = []
    ) {
        self.init(
            message: message, locations: nodes.map { source.location(at: $0.start) }, path: path,
            extensions: extensions)
    }

    /// A syntax error at a byte offset: "Syntax Error: <description>", code
    /// `GRAPHQL_PARSE_FAILED`.
    public static func syntax(_ description: String, source: Source, offset: Int) -> GraphQLError {
        GraphQLError(
            message: "Syntax Error: " + description, locations: [source.location(at: offset)],
            extensions: [("code", .string(Code.parseFailed))])
    }

    /// The value of `extensions.code`, if any.
    public var code: String? {
        for entry in extensions where entry.key == "code" {
            if case .string(let code) = entry.value { return code }
        }
        return nil
    }

    /// Stable `extensions.code` values used by the engine.
    public enum Code {
        public static let parseFailed = "GRAPHQL_PARSE_FAILED"
        public static let validationFailed = "GRAPHQL_VALIDATION_FAILED"
    }

    /// The message followed by each location, for logs and test failures.
    public var description: String {
        var text = message
        for location in locations { text += " (\(location.line):\(location.column))" }
        return text
    }

    public static func == (lhs: GraphQLError, rhs: GraphQLError) -> Bool {
        lhs.message == rhs.message && lhs.locations == rhs.locations && lhs.path == rhs.path
            && JSONValue.object(lhs.extensions) == .object(rhs.extensions)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(message)
        hasher.combine(locations)
        hasher.combine(path)
    }
}
