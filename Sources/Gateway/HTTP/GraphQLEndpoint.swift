import GraphQLEngine
import Hummingbird
import Logging
import MongoStore
import Resolvers
import Security

/// `POST /graphql` and `GET /graphql`: the GraphQL-over-HTTP transport
/// (https://graphql.github.io/graphql-over-http/draft/) in front of a
/// `GraphQLService`.
///
/// The order of checks is the order of cost: media types and size (nothing
/// read yet), the body's JSON shape, then authentication (a database round
/// trip), then per operation the persisted-query step, parse and validation
/// (cached), the GET-only-queries rule, and execution under the time limit.
/// Nothing reaches a resolver before authentication has succeeded.
struct GraphQLEndpoint: Sendable {
    let service: GraphQLService
    let authenticator: any RequestAuthenticator
    let persistedQueries: PersistedQueryResolver
    let limits: GatewayLimits
    /// Whether a request without a valid key may run operations that select
    /// only introspection (`__schema`, `__type`, `__typename`) (development).
    let allowsAnonymousIntrospection: Bool
    /// The executor an operation's execution runs on (see `Gateway.requestExecutor`).
    /// Only the execution: the rest of the request, the deadline's timer
    /// included, stays on the cooperative pool, so a request can be answered
    /// at its time limit even when every database thread is blocked.
    let executor: (any TaskExecutor)?
    let metrics: GatewayMetrics
    let logger: Logger

    /// What one operation of a request gave.
    struct OperationResult: Sendable {
        var body: [UInt8]
        var status: Int
        var operation: String
        var outcome: GatewayMetrics.Outcome
        var errorCodes: [String]
        var roundTrips: Int
        var loaderBatches = 0
    }

    func respond(to request: Request, context: GatewayRequestContext) async -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        var log = RequestLog(method: request.method.rawValue, path: request.uri.path)
        let response = await respond(to: request, context: context, log: &log, clock: clock)
        log.status = Int(response.status.code)
        log.write(to: logger, duration: clock.now - start)
        return response
    }

    private func respond(
        to request: Request, context: GatewayRequestContext, log: inout RequestLog, clock: ContinuousClock
    ) async -> Response {
        let start = clock.now
        guard let mediaType = ResponseMediaType.negotiate(accept: request.headers[.accept]) else {
            return refuse(.notAcceptable, mediaType: .json, log: &log, start: start, clock: clock)
        }
        let isGET = request.method == .get
        let batch: [GraphQLHTTPParameters]
        let isBatch: Bool
        do {
            (batch, isBatch) = try await readParameters(request)
        } catch {
            return refuse(error, mediaType: mediaType, log: &log, start: start, clock: clock)
        }
        if isBatch { log.batchSize = batch.count }

        let authentication = RoundTripCounter()
        // nil: an anonymous caller allowed to run introspection-only operations.
        let requestContext: Resolvers.RequestContext?
        do {
            let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
            let client = ClientInfo(address: context.remoteAddress, userAgent: request.headers[.userAgent])
            requestContext = try await RoundTripCounter.$current.withValue(authentication) {
                try await authenticator.authenticate(headers: headers, client: client)
            }
        } catch is AuthenticationError where allowsAnonymousIntrospection {
            requestContext = nil
        } catch is AuthenticationError {
            return refuse(
                .unauthenticated, mediaType: mediaType, log: &log, start: start, clock: clock,
                roundTrips: authentication.count)
        } catch {
            logger.error("authentication failed with a server error", metadata: ["error": "\(type(of: error))"])
            return refuse(
                .internalError, mediaType: mediaType, log: &log, start: start, clock: clock,
                roundTrips: authentication.count)
        }

        var results: [OperationResult] = []
        for (index, parameters) in batch.enumerated() {
            let operationStart = clock.now
            var result = await run(parameters, isGET: isGET, mediaType: mediaType, context: requestContext, log: &log)
            if index == 0 { result.roundTrips += authentication.count }
            metrics.recordOperation(
                operation: result.operation, outcome: result.outcome, duration: clock.now - operationStart,
                roundTrips: result.roundTrips, loaderBatches: result.loaderBatches, errorCodes: result.errorCodes)
            log.operations.append(result.operation)
            log.outcomes.append(result.outcome.rawValue)
            log.errorCodes += result.errorCodes
            log.roundTrips += result.roundTrips
            results.append(result)
        }

        if isBatch {
            var body: [UInt8] = [UInt8(ascii: "[")]
            for (index, result) in results.enumerated() {
                if index > 0 { body.append(UInt8(ascii: ",")) }
                body += result.body
            }
            body.append(UInt8(ascii: "]"))
            return Self.response(status: 200, mediaType: mediaType, body: body)
        }
        // readParameters never gives an empty list; answer generically if it ever did.
        guard let single = results.first else {
            return refuse(.internalError, mediaType: mediaType, log: &log, start: start, clock: clock)
        }
        var response = Self.response(status: single.status, mediaType: mediaType, body: single.body)
        if single.status == 405 { response.headers[.allow] = "POST" }
        if single.status == 401 { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }

    // MARK: Reading the request

    /// The operations a request carries: one from a GET query string or a
    /// JSON object body, several from a JSON array body (when batching is on).
    private func readParameters(_ request: Request) async throws(TransportError) -> ([GraphQLHTTPParameters], Bool) {
        switch request.method {
        case .get:
            let query = FormQuery.parse(request.uri.query)
            let parameters = try GraphQLHTTPParameters.fromQueryString(
                query: query["query"], variables: query["variables"], operationName: query["operationName"],
                extensions: query["extensions"])
            return ([parameters], false)
        case .post:
            guard RequestMediaType.isJSON(request.headers[.contentType]) else { throw .unsupportedMediaType }
            let bytes = try await readBody(request)
            let json: JSONValue
            do {
                json = try JSONValue(parsingJSON: bytes, maxDepth: 128)
            } catch {
                throw .badRequest("The request body is not valid JSON")
            }
            guard case .list(let entries) = json else { return ([try GraphQLHTTPParameters.fromJSON(json)], false) }
            guard limits.maxBatchSize > 0 else { throw .batchingDisabled }
            guard !entries.isEmpty else { throw .badRequest("A batch must hold at least one operation") }
            guard entries.count <= limits.maxBatchSize else { throw .batchTooLarge(limit: limits.maxBatchSize) }
            var batch: [GraphQLHTTPParameters] = []
            for entry in entries { batch.append(try GraphQLHTTPParameters.fromJSON(entry)) }
            return (batch, true)
        default:
            throw TransportError(
                status: 405, code: GatewayErrorCode.methodNotAllowed, message: "Use GET or POST for /graphql")
        }
    }

    /// The body, at most `limits.maxBodyBytes`: a declared or actual length
    /// over the limit stops reading at once with a 413.
    private func readBody(_ request: Request) async throws(TransportError) -> [UInt8] {
        let limit = limits.maxBodyBytes
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw .requestTooLarge(limit: limit)
        }
        var bytes: [UInt8] = []
        do {
            for try await buffer in request.body {
                guard bytes.count + buffer.readableBytes <= limit else {
                    throw TransportError.requestTooLarge(limit: limit)
                }
                bytes += buffer.readableBytesView
            }
        } catch let error as TransportError {
            throw error
        } catch {
            throw .badRequest("The request body could not be read")
        }
        return bytes
    }

    // MARK: Running one operation

    private func run(
        _ parameters: GraphQLHTTPParameters, isGET: Bool, mediaType: ResponseMediaType,
        context: Resolvers.RequestContext?,
        log: inout RequestLog
    ) async -> OperationResult {
        let counter = RoundTripCounter()
        var operationLabel = "unknown"
        do throws(TransportError) {
            let (text, persisted) = try await persistedQueries.documentText(for: parameters)
            if persisted != .none { log.persistedQuery = persisted.rawValue }
            let document: Document
            switch await service.prepare(text) {
            case .errors(let errors):
                let response = GraphQLResponse(errors: errors)
                return OperationResult(
                    body: response.jsonBytes(), status: mediaType == .json ? 200 : 400, operation: operationLabel,
                    outcome: .rejected, errorCodes: Self.codes(errors), roundTrips: counter.count)
            case .document(let prepared):
                document = prepared
            }
            let operation = Self.operation(in: document, named: parameters.operationName)
            if let operation {
                operationLabel = operation.name?.value ?? "anonymous"
                if isGET && operation.operation != .query { throw .mutationOverGET }
            }
            // An anonymous caller gets only introspection: no resolver of ours
            // runs, so there is no request context to give.
            let executionContext: any Sendable
            if let context {
                executionContext = context
            } else if let operation, IntrospectionOnly.selects(operation, in: document) {
                executionContext = ()
            } else {
                throw .unauthenticated
            }
            // `GraphQLService.execute` takes the document from the cache again
            // and adds what depends on the variables (page sizes and costs they
            // set) and the engine's own deadline, which stops execution between
            // levels. The deadline here is the backstop that answers even when
            // an await in progress does not honour cancellation.
            let request = GraphQLRequest(
                query: text, variables: parameters.variables, operationName: parameters.operationName)
            let service = self.service
            let executed = await RoundTripCounter.$current.withValue(counter) {
                await withDeadline(limits.executionTimeout, executor: executor) {
                    await service.execute(request, context: executionContext)
                }
            }
            guard let response = executed, !Self.timedOut(response) else {
                let error = TransportError(
                    status: 504, code: GatewayErrorCode.timeout,
                    message:
                        "The operation did not finish within the time limit of \(Self.describe(limits.executionTimeout))"
                )
                return OperationResult(
                    body: GraphQLResponse(errors: [error.graphQLError]).jsonBytes(), status: error.status,
                    operation: operationLabel, outcome: .timeout, errorCodes: [error.code], roundTrips: counter.count)
            }
            let outcome: GatewayMetrics.Outcome =
                response.errors.isEmpty ? .success : (response.tree == nil ? .rejected : .partial)
            // Without `data` the request failed before execution (unknown
            // operation, variables that do not coerce): a 4xx for clients that
            // accept application/graphql-response+json.
            let status = response.tree == nil && mediaType == .graphQLResponseJSON ? 400 : 200
            var result = OperationResult(
                body: response.jsonBytes(), status: status, operation: operationLabel, outcome: outcome,
                errorCodes: Self.codes(response.errors), roundTrips: counter.count)
            result.loaderBatches = response.loaderBatches
            return result
        } catch {
            let outcome: GatewayMetrics.Outcome = .rejected
            return OperationResult(
                body: GraphQLResponse(errors: [error.graphQLError]).jsonBytes(), status: error.status(for: mediaType),
                operation: operationLabel, outcome: outcome, errorCodes: [error.code], roundTrips: counter.count)
        }
    }

    /// The operation `execute` will run, if the document names it unambiguously
    /// (https://spec.graphql.org/October2021/#GetOperation()); nil leaves the
    /// error to the executor.
    static func operation(in document: Document, named name: String?) -> OperationDefinition? {
        let operations = document.operations
        if let name { return operations.first { $0.name?.value == name } }
        return operations.count == 1 ? operations[0] : nil
    }

    /// Whether the engine stopped the execution at its own deadline (or on cancellation).
    static func timedOut(_ response: GraphQLResponse) -> Bool {
        response.tree == nil && response.errors.contains { $0.code == GraphQLError.Code.timeout }
    }

    static func codes(_ errors: [GraphQLError]) -> [String] {
        errors.map { $0.code ?? "UNKNOWN" }
    }

    static func describe(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1_000 == 0 ? "\(milliseconds / 1_000) s" : "\(milliseconds) ms"
    }

    // MARK: Answering

    private func refuse(
        _ error: TransportError, mediaType: ResponseMediaType, log: inout RequestLog, start: ContinuousClock.Instant,
        clock: ContinuousClock, roundTrips: Int = 0
    ) -> Response {
        let outcome: GatewayMetrics.Outcome =
            switch error.code {
            case GatewayErrorCode.unauthenticated: .unauthenticated
            case GatewayErrorCode.internalServerError: .failed
            default: .rejected
            }
        metrics.recordOperation(
            operation: "unknown", outcome: outcome, duration: clock.now - start, roundTrips: roundTrips,
            loaderBatches: 0, errorCodes: [error.code])
        log.roundTrips += roundTrips
        log.outcomes.append(outcome.rawValue)
        log.errorCodes.append(error.code)
        let body = GraphQLResponse(errors: [error.graphQLError]).jsonBytes()
        var response = Self.response(status: error.status(for: mediaType), mediaType: mediaType, body: body)
        if error.status == 401 { response.headers[.wwwAuthenticate] = "Bearer" }
        if error.status == 405 { response.headers[.allow] = "GET, POST" }
        return response
    }

    static func response(status: Int, mediaType: ResponseMediaType, body: [UInt8]) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: mediaType.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
