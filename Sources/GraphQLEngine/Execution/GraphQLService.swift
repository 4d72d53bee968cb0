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
/// caller (the engine's `validate`, or none). Returns the errors found;
/// `suggestions` says whether messages may end in "Did you mean ...?" hints
/// (off when the service's limits turn introspection off: the hints would
/// name schema members).
public typealias DocumentValidator =
    @Sendable (_ schema: GraphQLSchema, _ document: Document, _ suggestions: Bool) -> [GraphQLError]

/// The whole pipeline for one executable schema, in two steps a server can
/// act between:
///
/// 1. `prepare`: parse (or take from the document cache), check the document
///    against the `QueryLimits`, validate, and select the operation. A server
///    decides on the request from the `PreparedOperation` (its kind, whether it
///    reads anything but the schema) without walking the document itself.
/// 2. `execute`: check what the request's variables decide (page sizes and
///    cost they set), coerce them, run the operation within the timeout, and
///    hand back a response that writes itself as JSON bytes.
///
/// ```swift
/// let service = GraphQLService(
///     schema: executable, validator: { validate(schema: $0, document: $1, suggestions: $2) },
///     limits: .production)
/// switch await service.prepare(GraphQLRequest(query: text)) {
/// case .refused(let errors): respond(GraphQLResponse(errors: errors))
/// case .ready(let operation): respond(await service.execute(operation, variables: [:], context: requestContext))
/// }
/// ```
///
/// Without `limits`, the service runs any document the parser accepts
/// (within `parseOptions`), with no timeout.
public struct GraphQLService: Sendable {
    public let schema: ExecutableSchema
    public let validator: DocumentValidator?
    public let cache: DocumentCache?
    public let parseOptions: ParseOptions
    /// The bounds every request is held to; nil for none. See `QueryLimits`.
    public let limits: QueryLimits?
    /// What wraps parsing, validation, execution and each level (a tracer's
    /// spans); nil calls them directly.
    public let instrumentation: (any ExecutionInstrumentation)?

    /// - Parameters:
    ///   - validator: run once per document text (its verdict is cached with the document).
    ///   - cache: nil to parse and validate every request.
    ///   - parseOptions: the parser's bounds; `limits.maxTokens` replaces its
    ///     `maxTokens`, and `limits.maxNesting` (when set) its `maxDepth`.
    ///   - limits: checked before validation (the document's part, cached) and
    ///     before execution (the variables' part); with introspection off,
    ///     neither validation errors nor errors about variables carry "Did
    ///     you mean ...?" hints.
    public init(
        schema: ExecutableSchema, validator: DocumentValidator? = nil, cache: DocumentCache? = DocumentCache(),
        parseOptions: ParseOptions = ParseOptions(), limits: QueryLimits? = nil,
        instrumentation: (any ExecutionInstrumentation)? = nil
    ) {
        self.instrumentation = instrumentation
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

    /// What `prepare` made of a request.
    public enum Preparation: Sendable {
        /// The operation to run.
        case ready(PreparedOperation)
        /// Errors to answer with instead (syntax, limits, validation, no
        /// operation to run); the response has no `data`.
        case refused([GraphQLError])
    }

    /// Parses, checks and validates the request's text (once per text, through
    /// the cache) and selects the operation it names.
    public func prepare(_ request: GraphQLRequest) async -> Preparation {
        switch await prepared(request.query) {
        case .errors(let errors):
            return .refused(errors)
        case .document(let document):
            switch document.operation(named: request.operationName) {
            case .success(let operation): return .ready(operation)
            case .failure(let error): return .refused([error])
            }
        }
    }

    /// Runs a prepared operation with the request's variables. Never throws:
    /// every failure is a response.
    public func execute(
        _ operation: PreparedOperation, variables: [String: JSONValue], context: any Sendable = (),
        rootValue: any FieldSource = EmptyFieldSource()
    ) async -> GraphQLResponse {
        // Variables nested deeper than the limit are refused before anything walks them.
        if let maxNesting = limits?.maxNesting, let error = VariableNesting.check(variables, maxNesting: maxNesting) {
            return GraphQLResponse(errors: [error])
        }
        if let checks = operation.requestChecks {
            let errors = checks.errors(variables: variables, operationName: operation.name)
            if !errors.isEmpty { return GraphQLResponse(errors: errors) }
        }
        let deadline = limits?.executionTimeout.map { ContinuousClock.now + $0 }
        let (schema, suggestions, instrumentation) = (
            self.schema, limits?.allowsIntrospection ?? true, self.instrumentation
        )
        func run() async -> GraphQLResponse {
            await GraphQLEngine.execute(
                schema: schema, document: operation.document, operation: operation.operation, variables: variables,
                context: context, rootValue: rootValue, deadline: deadline, suggestions: suggestions,
                instrumentation: instrumentation)
        }
        // An introspection-only operation without variables answers the same
        // every time: made once, kept with its cached document.
        var answers: IntrospectionAnswers?
        if operation.isIntrospectionOnly, variables.isEmpty, schema.introspectionAnswersEveryoneAlike,
            let kept = operation.answers
        {
            if let answer = kept.answer(at: operation.operation.loc.start) { return answer }
            answers = kept
        }
        let response: GraphQLResponse
        if let instrumentation {
            response = await instrumentation.run(.execute(operation.kind, name: operation.name)) { await run() }
        } else {
            response = await run()
        }
        guard let answers, response.errors.isEmpty, response.tree != nil else { return response }
        let encoded = response.encodingAhead()
        answers.keep(encoded, at: operation.operation.loc.start)
        return encoded
    }

    /// Subscribes to a prepared subscription operation with the request's
    /// variables (https://spec.graphql.org/October2021/#Subscribe()): the
    /// same variable limits as `execute`, then the source stream. Each event
    /// is later executed within `QueryLimits.executionTimeout`, as a query is.
    /// Never throws: a refusal is a list of request errors.
    public func subscribe(
        _ operation: PreparedOperation, variables: [String: JSONValue], context: any Sendable = (),
        rootValue: any FieldSource = EmptyFieldSource()
    ) async -> SubscribeOutcome {
        if let maxNesting = limits?.maxNesting, let error = VariableNesting.check(variables, maxNesting: maxNesting) {
            return .refused([error])
        }
        if let checks = operation.requestChecks {
            let errors = checks.errors(variables: variables, operationName: operation.name)
            if !errors.isEmpty { return .refused(errors) }
        }
        return await GraphQLEngine.subscribe(
            schema: schema, document: operation.document, operation: operation.operation, variables: variables,
            context: context, rootValue: rootValue, eventTimeout: limits?.executionTimeout,
            suggestions: limits?.allowsIntrospection ?? true)
    }

    /// Prepares and runs a request end to end. Never throws: every failure is a response.
    public func execute(
        _ request: GraphQLRequest, context: any Sendable = (), rootValue: any FieldSource = EmptyFieldSource()
    ) async -> GraphQLResponse {
        switch await prepare(request) {
        case .refused(let errors):
            return GraphQLResponse(errors: errors)
        case .ready(let operation):
            return await execute(operation, variables: request.variables, context: context, rootValue: rootValue)
        }
    }

    /// The cache's entry for `text`, made and stored on a miss.
    func prepared(_ text: String) async -> DocumentCache.Entry {
        if let cache, let cached = cache.entry(for: text) { return cached }
        let entry = preparedUncached(text)
        if let cache { cache.store(entry, for: text) }
        return entry
    }

    func preparedUncached(_ text: String) -> DocumentCache.Entry {
        let options = parseOptions
        func parse() -> Result<Document, GraphQLError> {
            do { return .success(try Parser.parse(Source(text), options: options)) } catch { return .failure(error) }
        }
        let document: Document
        switch instrumentation.map({ $0.run(.parse) { parse() } }) ?? parse() {
        case .success(let parsed): document = parsed
        case .failure(let error): return .errors([error])
        }
        var requestChecks: RequestLimitChecks?
        var costPlan: CostPlan?
        if let limits {
            // Before validation, so a document past the limits costs no validation work.
            let checked = DocumentLimits(document: document, schema: schema.schema, limits: limits)
            if !checked.errors.isEmpty { return .errors(checked.errors) }
            requestChecks = checked.requestChecks
            costPlan = checked.costPlan
        }
        if let validator {
            let introspection = limits?.allowsIntrospection ?? true
            let errors =
                if let instrumentation {
                    instrumentation.run(.validate) { validator(schema.schema, document, introspection) }
                } else {
                    validator(schema.schema, document, introspection)
                }
            if !errors.isEmpty { return .errors(errors) }
        }
        return .document(
            PreparedDocument(
                document: document, schema: schema.schema, requestChecks: requestChecks, costPlan: costPlan,
                answerBudget: cache?.answerBudget))
    }
}
