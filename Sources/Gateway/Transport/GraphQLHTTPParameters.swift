public import GraphQLEngine

/// The parameters of one GraphQL-over-HTTP request
/// (https://graphql.github.io/graphql-over-http/draft/#sec-Request-Parameters),
/// read from a JSON body entry or from a GET query string, before the
/// persisted-query step has supplied the text.
public struct GraphQLHTTPParameters: Sendable {
    /// The document text; nil when only a persisted query's hash is sent.
    public var query: String?
    public var variables: [String: JSONValue]
    public var operationName: String?
    /// `extensions.persistedQuery`, when present.
    public var persistedQuery: PersistedQueryReference?

    public init(
        query: String? = nil, variables: [String: JSONValue] = [:], operationName: String? = nil,
        persistedQuery: PersistedQueryReference? = nil
    ) {
        self.query = query
        self.variables = variables
        self.operationName = operationName
        self.persistedQuery = persistedQuery
    }

    /// Reads a JSON body entry: an object whose `query` is a string (or absent
    /// with a persisted query), `variables` an object or null, `operationName`
    /// a string or null, `extensions` an object or null. Anything else is a
    /// 400 naming the parameter (never echoing its value).
    public static func fromJSON(_ value: JSONValue) throws(TransportError) -> GraphQLHTTPParameters {
        guard case .object(let entries) = value else {
            throw .badRequest("The request body must be a JSON object with a \"query\" string")
        }
        var parameters = GraphQLHTTPParameters()
        var seen = Set<String>()
        for (key, value) in entries where seen.insert(key).inserted {
            switch key {
            case "query":
                switch value {
                case .string(let text): parameters.query = text
                case .null: break
                default: throw .badRequest("\"query\" must be a string")
                }
            case "variables":
                parameters.variables = try variablesObject(value)
            case "operationName":
                switch value {
                case .string(let name): parameters.operationName = name
                case .null: break
                default: throw .badRequest("\"operationName\" must be a string or null")
                }
            case "extensions":
                parameters.persistedQuery = try persistedQueryReference(in: value)
            default:
                continue  // unknown parameters are ignored, as the spec allows
            }
        }
        try parameters.requireDocument()
        return parameters
    }

    /// Reads GET query-string parameters: `query`, `operationName`, and
    /// `variables` and `extensions` as JSON text
    /// (https://graphql.github.io/graphql-over-http/draft/#sec-GET).
    public static func fromQueryString(
        query: String?, variables: String?, operationName: String?, extensions: String?, maxJSONDepth: Int = 64
    ) throws(TransportError) -> GraphQLHTTPParameters {
        var parameters = GraphQLHTTPParameters(query: query, operationName: operationName?.nilIfEmpty)
        if let variables, !variables.isEmpty {
            parameters.variables = try variablesObject(try parseJSON(variables, parameter: "variables"))
        }
        if let extensions, !extensions.isEmpty {
            parameters.persistedQuery = try persistedQueryReference(
                in: try parseJSON(extensions, parameter: "extensions"))
        }
        try parameters.requireDocument()
        return parameters
    }

    private func requireDocument() throws(TransportError) {
        if query == nil && persistedQuery == nil {
            throw .badRequest("The request has no \"query\" (nor a persisted query hash)")
        }
    }

    private static func parseJSON(_ text: String, parameter: String) throws(TransportError) -> JSONValue {
        do {
            return try JSONValue(parsingJSON: Array(text.utf8), maxDepth: 64)
        } catch {
            throw .badRequest("\"\(parameter)\" is not valid JSON")
        }
    }

    private static func variablesObject(_ value: JSONValue) throws(TransportError) -> [String: JSONValue] {
        switch value {
        case .null: return [:]
        case .object(let entries):
            var variables: [String: JSONValue] = [:]
            for (key, value) in entries where variables[key] == nil { variables[key] = value }
            return variables
        default: throw .badRequest("\"variables\" must be an object or null")
        }
    }

    private static func persistedQueryReference(in extensions: JSONValue) throws(TransportError)
        -> PersistedQueryReference?
    {
        switch extensions {
        case .null: return nil
        case .object(let entries):
            guard let entry = entries.first(where: { $0.key == "persistedQuery" }) else { return nil }
            return try PersistedQueryReference.fromJSON(entry.value)
        default: throw .badRequest("\"extensions\" must be an object or null")
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
