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
/// document cache), check the document against the `QueryLimits`, validate,
/// check what the request's variables decide, execute (within the timeout),
/// and hand back a response that writes itself as JSON bytes.
///
/// ```swift
/// let service = GraphQLService(
///     schema: executable, validator: { validate(schema: $0, document: $1, suggestions: false) },
///     limits: .production)
/// let response = await service.execute(GraphQLRequest(query: text), context: requestContext)
/// let body = response.jsonBytes()
/// ```
///
/// Without `limits`, the service runs any document the parser accepts
/// (within `parseOptions`), with no timeout, as before limits existed.
public struct GraphQLService: Sendable {
    public let schema: ExecutableSchema
    public let validator: DocumentValidator?
    public let cache: DocumentCache?
    public let parseOptions: ParseOptions
    /// The bounds every request is held to; nil for none. See `QueryLimits`.
    public let limits: QueryLimits?

    /// - Parameters:
    ///   - validator: run once per document text (its verdict is cached with the document).
    ///   - cache: nil to parse and validate every request.
    ///   - parseOptions: the parser's bounds; `limits.maxTokens` replaces its
    ///     `maxTokens`, and `limits.maxNesting` (when set) its `maxDepth`.
    ///   - limits: checked before validation (the document's part, cached) and
    ///     before execution (the variables' part); with introspection off,
    ///     "Did you mean ...?" hints are also cut from the validator's
    ///     messages and from request errors (variables that do not coerce).
    public init(
        schema: ExecutableSchema, validator: DocumentValidator? = nil, cache: DocumentCache? = DocumentCache(),
        parseOptions: ParseOptions = ParseOptions(), limits: QueryLimits? = nil
    ) {
        self.schema = schema
        self.validator = validator
        self.cache = cache
        var options = parseOptions
        if let limits {
            options.maxTokens = limits.maxTokens
            if let maxNesting = limits.maxNesting { options.maxDepth = maxNesting }
        }
        self.parseOptions = options
        self.limits = limits
    }

    /// Parses, checks and validates a text (through the cache when there is one).
    /// The limits that depend on a request's variables (page sizes and cost
    /// set by variables) and the timeout are applied by `execute` only.
    public func prepare(_ text: String) async -> DocumentCache.Entry {
        await prepared(text).entry
    }

    /// Parses, checks and validates a text, without the cache.
    public func prepareUncached(_ text: String) -> DocumentCache.Entry {
        preparedUncached(text).entry
    }

    func prepared(_ text: String) async -> (entry: DocumentCache.Entry, requestChecks: RequestLimitChecks?) {
        if let cache, let cached = await cache.prepared(for: text) { return cached }
        let prepared = preparedUncached(text)
        if let cache { await cache.store(prepared.entry, requestChecks: prepared.requestChecks, for: text) }
        return prepared
    }

    func preparedUncached(_ text: String) -> (entry: DocumentCache.Entry, requestChecks: RequestLimitChecks?) {
        let document: Document
        do {
            document = try Parser.parse(Source(text), options: parseOptions)
        } catch {
            return (.errors([error]), nil)
        }
        var requestChecks: RequestLimitChecks?
        if let limits {
            // Before validation, so a document past the limits costs no validation work.
            let checked = DocumentLimits(document: document, schema: schema.schema, limits: limits)
            if !checked.errors.isEmpty { return (.errors(checked.errors), nil) }
            requestChecks = checked.requestChecks
        }
        if let validator {
            var errors = validator(schema.schema, document)
            if !errors.isEmpty {
                if let limits, !limits.allowsIntrospection { errors = errors.map(withoutSuggestions) }
                return (.errors(errors), nil)
            }
        }
        return (.document(document), requestChecks)
    }

    /// Runs a request end to end. Never throws: every failure is a response.
    public func execute(
        _ request: GraphQLRequest, context: any Sendable = (), rootValue: any FieldSource = EmptyFieldSource()
    ) async -> GraphQLResponse {
        let prepared = await prepared(request.query)
        let document: Document
        switch prepared.entry {
        case .errors(let errors):
            return GraphQLResponse(errors: errors)
        case .document(let parsed):
            document = parsed
        }
        if let maxNesting = limits?.maxNesting,
            let error = VariableNesting.check(request.variables, maxNesting: maxNesting)
        {
            return GraphQLResponse(errors: [error])
        }
        if let checks = prepared.requestChecks {
            let errors = checks.errors(variables: request.variables, operationName: request.operationName)
            if !errors.isEmpty { return GraphQLResponse(errors: errors) }
        }
        let deadline = limits?.executionTimeout.map { ContinuousClock.now + $0 }
        let response = await GraphQLEngine.execute(
            schema: schema, document: document, variables: request.variables, operationName: request.operationName,
            context: context, rootValue: rootValue, deadline: deadline)
        // Request errors (variables that do not coerce) may suggest input
        // field and enum value names; without introspection they must not.
        if let limits, !limits.allowsIntrospection, response.tree == nil, !response.errors.isEmpty {
            return GraphQLResponse(
                errors: response.errors.map(withoutSuggestions), loaderBatches: response.loaderBatches)
        }
        return response
    }
}

/// An engine message without its "Did you mean ...?" hint, which names
/// schema members a server without introspection should not reveal.
func withoutSuggestions(_ error: GraphQLError) -> GraphQLError {
    guard let hint = error.message.firstRange(of: " Did you mean ") else { return error }
    var stripped = error
    stripped.message = String(error.message[..<hint.lowerBound])
    return stripped
}
