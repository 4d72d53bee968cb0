/// A request as clients send it
/// (https://graphql.github.io/graphql-over-http/draft/#sec-Request-Parameters).
public struct GraphQLRequest: Sendable {
    public var query: String
    public var variables: [String: JSONValue]
    public var operationName: String?

    public init(query: String, variables: [String: JSONValue] = [:], operationName: String? = nil) {
        self.query = query
        self.variables = variables
        self.operationName = operationName
    }
}

/// Checks a document against a schema: the validation stage, supplied by the
/// caller (the engine's validator, or none). Returns the errors found.
public typealias DocumentValidator = @Sendable (_ schema: GraphQLSchema, _ document: Document) -> [GraphQLError]

/// The whole pipeline for one executable schema: parse (or take from the
/// document cache), validate, execute, and hand back a response that writes
/// itself as JSON bytes.
///
/// ```swift
/// let service = GraphQLService(schema: executable, validator: { validate(schema: $0, document: $1) })
/// let response = await service.execute(GraphQLRequest(query: text), context: requestContext)
/// let body = response.jsonBytes()
/// ```
public struct GraphQLService: Sendable {
    public let schema: ExecutableSchema
    public let validator: DocumentValidator?
    public let cache: DocumentCache?
    public let parseOptions: ParseOptions

    /// - Parameters:
    ///   - validator: run once per document text (its verdict is cached with the document).
    ///   - cache: nil to parse and validate every request.
    public init(
        schema: ExecutableSchema, validator: DocumentValidator? = nil, cache: DocumentCache? = DocumentCache(),
        parseOptions: ParseOptions = ParseOptions()
    ) {
        self.schema = schema
        self.validator = validator
        self.cache = cache
        self.parseOptions = parseOptions
    }

    /// Parses and validates a text (through the cache when there is one).
    public func prepare(_ text: String) async -> DocumentCache.Entry {
        if let cache, let cached = await cache.entry(for: text) { return cached }
        let entry = prepareUncached(text)
        if let cache { await cache.store(entry, for: text) }
        return entry
    }

    /// Parses and validates a text, without the cache.
    public func prepareUncached(_ text: String) -> DocumentCache.Entry {
        let document: Document
        do {
            document = try Parser.parse(Source(text), options: parseOptions)
        } catch {
            return .errors([error])
        }
        if let validator {
            let errors = validator(schema.schema, document)
            if !errors.isEmpty { return .errors(errors) }
        }
        return .document(document)
    }

    /// Runs a request end to end. Never throws: every failure is a response.
    public func execute(
        _ request: GraphQLRequest, context: any Sendable = (), rootValue: any FieldSource = EmptyFieldSource()
    ) async -> GraphQLResponse {
        switch await prepare(request.query) {
        case .errors(let errors):
            return GraphQLResponse(errors: errors)
        case .document(let document):
            return await GraphQLEngine.execute(
                schema: schema, document: document, variables: request.variables, operationName: request.operationName,
                context: context, rootValue: rootValue)
        }
    }
}
