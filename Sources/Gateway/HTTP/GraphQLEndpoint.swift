import Enforcement
import GraphQLEngine
import Hummingbird
import MongoStore

/// The `/graphql` handler: the GraphQL-over-HTTP transport
/// (https://graphql.github.io/graphql-over-http/draft/) in front of a
/// `GraphQLService`, after the middleware has negotiated the media type and
/// authenticated the caller (`Gateway.makeRouter` lists the chain).
///
/// Per request: read the parameters (a GET query string, a JSON object body,
/// or a JSON array when batching is on); per operation: the persisted-query
/// lookup, `GraphQLService.prepare` (parse, limits, validation and operation
/// selection, cached per text), the rules that depend on the prepared
/// operation (queries only over GET; an anonymous caller runs only
/// introspection; its estimated cost must fit the client's rate limit), and
/// only then the persisted query's registration, then execution under the
/// time limit on the request executor. What each operation did is noted in
/// the context's `RequestRecord`, which `RequestLogMiddleware` logs and counts.
struct GraphQLEndpoint: Sendable {
    let service: GraphQLService
    let persistedQueries: PersistedQueryResolver
    let limits: GatewayLimits
    /// The executor an operation's execution runs on (see `Gateway.requestExecutor`).
    /// Only the execution: the rest of the request, the deadline's timer
    /// included, stays on the connection's event loop
    /// (`EventLoopTaskExecutor`), so a request can be answered at its time
    /// limit even when every database thread is blocked.
    let executor: (any TaskExecutor)?
    /// The bounded queue in front of execution.
    let gate: ExecutionGate

    /// What one operation of a request gave.
    struct OperationResult: Sendable {
        var body: [UInt8]
        var status: Int
        var record: RequestRecord.Operation
        /// The transport refusal behind the answer, if any (its headers go on a single response).
        var refusal: TransportError?
    }

    func respond(to request: Request, context: GatewayRequestContext) async -> Response {
        let mediaType = context.mediaType
        let batch: [GraphQLHTTPParameters]
        let isBatch: Bool
        do {
            (batch, isBatch) = try await readParameters(request)
        } catch {
            return error.response(mediaType: mediaType, record: context.record)
        }
        if isBatch { context.record.update { $0.batchSize = batch.count } }

        let clock = ContinuousClock()
        var results: [OperationResult] = []
        for parameters in batch {
            let start = clock.now
            var result = await run(parameters, isGET: request.method == .get, context: context)
            result.record.duration = clock.now - start
            context.record.update { [operation = result.record] in $0.operations.append(operation) }
            results.append(result)
        }

        if isBatch {
            var body: [UInt8] = [UInt8(ascii: "[")]
            for (index, result) in results.enumerated() {
                if index > 0 { body.append(UInt8(ascii: ",")) }
                body += result.body
            }
            body.append(UInt8(ascii: "]"))
            return HTTPAnswer.response(status: 200, mediaType: mediaType, body: body)
        }
        // readParameters never gives an empty list; answer generically if it ever did.
        guard let single = results.first else {
            return TransportError.internalError.response(mediaType: mediaType, record: context.record)
        }
        var response = HTTPAnswer.response(status: single.status, mediaType: mediaType, body: single.body)
        single.refusal?.addHeaders(to: &response)
        return response
    }

    // MARK: Reading the request

    /// The operations a request carries: one from a GET query string or a
    /// JSON object body, several from a JSON array body (when batching is on).
    private func readParameters(_ request: Request) async throws(TransportError) -> ([GraphQLHTTPParameters], Bool) {
        if request.method == .get {
            let query = FormQuery.parse(request.uri.query)
            let parameters = try GraphQLHTTPParameters.fromQueryString(
                query: query["query"], variables: query["variables"], operationName: query["operationName"],
                extensions: query["extensions"])
            return ([parameters], false)
        }
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
    }

    /// The body, at most `limits.maxBodyBytes` (a declared length over it was
    /// refused by `GraphQLTransportMiddleware`): an actual length over it stops
    /// reading at once with a 413.
    private func readBody(_ request: Request) async throws(TransportError) -> [UInt8] {
        let limit = limits.maxBodyBytes
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

    private func run(_ parameters: GraphQLHTTPParameters, isGET: Bool, context: GatewayRequestContext) async
        -> OperationResult
    {
        let mediaType = context.mediaType
        let counter = RoundTripCounter()
        var name = "unknown"
        do throws(TransportError) {
            let document = try await persistedQueries.resolve(parameters)
            if document.outcome != .none { context.record.update { $0.persistedQuery = document.outcome.rawValue } }
            let request = GraphQLRequest(
                query: document.text, variables: parameters.variables, operationName: parameters.operationName)
            let operation: PreparedOperation
            switch await service.prepare(request) {
            case .refused(let errors):
                // Parse, limit and validation errors, no operation to run: a
                // 4xx for clients that accept application/graphql-response+json.
                return OperationResult(
                    body: GraphQLResponse(errors: errors).jsonBytes(), status: mediaType == .json ? 200 : 400,
                    record: .init(name: name, outcome: .rejected, errorCodes: Self.codes(errors), roundTrips: 0))
            case .ready(let prepared):
                operation = prepared
            }
            // The document's own name, which is still the client's text of any length.
            name = operation.name.map(ClientText.bounded) ?? "anonymous"
            if isGET && operation.kind != .query { throw .mutationOverGET }
            // An anonymous caller gets only introspection: no resolver of ours
            // runs, so there is no access context to give.
            let access: AccessContext?
            switch context.identity {
            case .caller(let caller): access = caller
            case .anonymous where operation.isIntrospectionOnly: access = nil
            case .anonymous, .unauthenticated: throw .unauthenticated
            }
            try chargeCost(of: operation, variables: parameters.variables, context: context)
            // Allowed to run: only now may its text be registered under its hash.
            let registered = await persistedQueries.register(document)
            if registered != document.outcome { context.record.update { $0.persistedQuery = registered.rawValue } }
            // The engine's own deadline stops execution between levels; for
            // an operation that reaches our resolvers, `withDeadline` is the
            // backstop that answers even when an await in progress does not
            // honour cancellation, and `MongoDeadline` gives every database
            // read the time left (`maxTimeMS`), so the database stops too.
            // Waiting for a turn at the gate counts against the limit.
            let (service, gate) = (self.service, self.gate)
            let variables = parameters.variables
            let deadline = ContinuousClock.now + limits.executionTimeout
            let attempt: @Sendable () async -> Executed = {
                guard await gate.enter() else { return .overloaded }
                defer { gate.leave() }
                // The row-rule lists this operation can need (none for most;
                // none at all when only the schema is read).
                let executionContext: any Sendable
                do {
                    executionContext =
                        if let access, !operation.isIntrospectionOnly {
                            try await access.preparing(
                                forTypes: operation.selectedTypeNames, fields: operation.selectedFields)
                        } else {
                            ()
                        }
                } catch {
                    return .failed
                }
                let response = await service.execute(operation, variables: variables, context: executionContext)
                return .answered(response, body: response.jsonBytes())
            }
            let executed: Executed?
            if operation.isIntrospectionOnly {
                // Introspection (and `__typename`) runs none of our resolvers:
                // nothing it awaits can block, so the engine's deadline is
                // enough, and it runs right here on the connection's event
                // loop without the backstop's task and timer or the two
                // thread hops to the request executor (+35% for
                // `{ __typename }` at 8 connections, see Benchmarks/README.md).
                executed = await attempt()
            } else {
                executed = await RoundTripCounter.$current.withValue(counter) {
                    await MongoDeadline.$current.withValue(deadline) {
                        await withDeadline(limits.executionTimeout, executor: executor, attempt)
                    }
                }
            }
            let response: GraphQLResponse
            let body: [UInt8]
            switch executed {
            case nil: throw .timeout(after: limits.executionTimeout)
            case .overloaded?: throw .overloaded
            case .failed?: throw .internalError
            case .answered(let answered, let bytes)?: (response, body) = (answered, bytes)
            }
            guard !Self.timedOut(response) else { throw .timeout(after: limits.executionTimeout) }
            let outcome: GatewayMetrics.Outcome =
                response.errors.isEmpty ? .success : (response.tree == nil ? .rejected : .partial)
            // Without `data` the request failed before execution (variables
            // that do not coerce, page sizes they set): a 4xx for clients that
            // accept application/graphql-response+json.
            let status = response.tree == nil && mediaType == .graphQLResponseJSON ? 400 : 200
            return OperationResult(
                body: body, status: status,
                record: .init(
                    name: name, outcome: outcome, errorCodes: Self.codes(response.errors), roundTrips: counter.count,
                    loaderBatches: response.loaderBatches, loaderBatchSizes: response.loaderBatchSizes))
        } catch {
            return OperationResult(
                body: GraphQLResponse(errors: [error.graphQLError]).jsonBytes(), status: error.status(for: mediaType),
                record: .init(name: name, outcome: error.outcome, errorCodes: [error.code], roundTrips: counter.count),
                refusal: error)
        }
    }

    /// Takes the operation's estimated cost (with the request's variables)
    /// from the client's cost bucket, or refuses it with 429 `RATE_LIMITED`.
    /// An estimate over the document limit is not charged: the engine refuses
    /// that operation before anything runs.
    private func chargeCost(
        of operation: PreparedOperation, variables: [String: JSONValue], context: GatewayRequestContext
    ) throws(TransportError) {
        guard let ticket = context.rateLimit else { return }
        let cost = operation.estimatedCost(variables: variables) ?? 1
        if let maxCost = service.limits?.maxCost, cost > maxCost { return }
        guard let refusal = ticket.take(cost, of: .cost) else { return }
        context.record.update { $0.rateLimited.append(refusal.policy) }
        throw .rateLimited(refusal)
    }

    /// How an operation's turn at the gate ended.
    enum Executed: Sendable {
        /// The response and its JSON, written by the execution's own task
        /// (on a database thread, not the connection's event loop).
        case answered(GraphQLResponse, body: [UInt8])
        /// The queue was full.
        case overloaded
        /// The row-rule lists could not be read (the database failed).
        case failed
    }

    /// Whether the engine stopped the execution at its own deadline (or on cancellation).
    static func timedOut(_ response: GraphQLResponse) -> Bool {
        response.tree == nil && response.errors.contains { $0.code == GraphQLError.Code.timeout }
    }

    static func codes(_ errors: [GraphQLError]) -> [String] {
        errors.map { $0.code ?? "UNKNOWN" }
    }
}
