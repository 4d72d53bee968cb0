import Enforcement
import GraphQLEngine
import HummingbirdWebSocket
import Logging
import MongoStore
import NIOWebSocket
import Security
import Synchronization

/// What every socket of a gateway shares: the engine's pipeline, the
/// authenticator, the limits, the execution gate and the counters.
struct SubscriptionServer: Sendable {
    let service: GraphQLService
    let authenticator: any RequestAuthenticator
    let persistedQueries: PersistedQueryResolver
    let limits: SubscriptionLimits
    let gatewayLimits: GatewayLimits
    let rateLimits: RateLimits
    let rateLimiter: RateLimiter
    let executor: (any TaskExecutor)?
    let gate: ExecutionGate
    let connectionsPerKey: KeyConnectionCounter
    let metrics: SubscriptionMetrics
    let logger: Logger

    /// Serves one upgraded socket until either side closes it.
    func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, client: ClientInfo) async {
        let connection = SubscriptionConnection(server: self, outbound: outbound, client: client)
        metrics.connectionOpened()
        await connection.run(inbound: inbound)
        metrics.connectionClosed()
    }
}

/// One socket speaking `graphql-transport-ws`: the I/O around
/// `GraphQLWSConnectionState`, which decides.
///
/// Each operation runs in a task of its own; a subscription's task reads its
/// source stream and, for each event, authenticates the `connection_init`
/// credentials again (the key cache makes that free within its 5 s), builds
/// the caller's access context for the operation (its row-rule lists), and
/// executes the event under the execution time limit, on the request
/// executor, through the same execution gate as HTTP requests. A key that has
/// been revoked, has expired or lost its user closes the socket with 4403
/// before anything more is sent.
actor SubscriptionConnection {
    let server: SubscriptionServer
    let outbound: WebSocketOutboundWriter
    let client: ClientInfo
    private var state: GraphQLWSConnectionState
    private var operations: [String: Task<Void, Never>] = [:]
    /// The `connection_init` payload's credentials, as request headers.
    private var credentials: [(name: String, value: String)] = []
    /// The key counted against `maxConnectionsPerKey`, released at the end.
    private var countedKey: String?
    private var timers: [Task<Void, Never>] = []

    init(server: SubscriptionServer, outbound: WebSocketOutboundWriter, client: ClientInfo) {
        self.server = server
        self.outbound = outbound
        self.client = client
        self.state = GraphQLWSConnectionState(maxOperations: server.limits.maxOperationsPerConnection)
    }

    func run(inbound: WebSocketInboundStream) async {
        let limits = server.limits
        timers.append(
            Task { [weak self] in
                try? await Task.sleep(for: limits.initTimeout)
                guard !Task.isCancelled, let self else { return }
                await self.initTimerFired()
            })
        timers.append(
            Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: limits.keepAlive)
                    guard !Task.isCancelled, let self else { return }
                    await self.keepAliveTick()
                }
            })
        var messages = inbound.messages(maxSize: server.gatewayLimits.maxBodyBytes).makeAsyncIterator()
        do {
            while let message = try await messages.next() {
                switch message {
                case .text(let text): await apply(state.receive(text))
                case .binary: await apply(state.receiveBinary())
                }
                if state.phase == .closed { break }
            }
        } catch {
            // The peer went away, or sent a frame over the size limit (the
            // WebSocket layer closes with 1009 itself).
        }
        for timer in timers { timer.cancel() }
        for (_, task) in operations { task.cancel() }
        operations = [:]
        if let countedKey { server.connectionsPerKey.release(countedKey) }
    }

    // MARK: Actions

    private func apply(_ actions: [GraphQLWSConnectionState.Action]) async {
        for action in actions {
            switch action {
            case .send(let message):
                await send(message)
            case .close(let code, let reason):
                try? await outbound.close(WebSocketErrorCode(codeNumber: code.rawValue), reason: reason)
            case .authenticate(let payload):
                credentials = Self.headers(from: payload)
                let outcome = await authenticate()
                await apply(state.authenticated(outcome))
            case .start(let id, let payload):
                operations[id] = Task { await self.runOperation(id: id, payload: payload) }
            case .stop(let id):
                operations.removeValue(forKey: id)?.cancel()
            }
        }
    }

    private func send(_ message: GraphQLWSServerMessage) async {
        try? await outbound.write(.text(message.text))
    }

    private func initTimerFired() async { await apply(state.initTimeoutPassed()) }

    private func keepAliveTick() async {
        if state.phase == .ready { await send(.ping) }
    }

    /// The payload's string entries as headers: `Authorization` and `X-API-Key`
    /// are what the authenticator reads, as over HTTP.
    static func headers(from payload: [(key: String, value: JSONValue)]) -> [(name: String, value: String)] {
        payload.compactMap { entry in
            guard case .string(let value) = entry.value else { return nil }
            return (name: entry.key.lowercased(), value: value)
        }
    }

    /// Checks `connection_init`'s credentials and counts the connection against its key.
    private func authenticate() async -> GraphQLWSConnectionState.Authentication {
        let access: AccessContext
        do {
            access = try await server.authenticator.authenticate(headers: credentials, client: client)
        } catch is AuthenticationError {
            return .refused
        } catch {
            server.logger.error(
                "subscription authentication failed with a server error", metadata: ["error": "\(type(of: error))"])
            return .failed
        }
        guard let key = access.principal.keyID?.hex else { return .accepted }
        guard server.connectionsPerKey.acquire(key, limit: server.limits.maxConnectionsPerKey) else {
            return .tooManyConnections
        }
        countedKey = key
        return .accepted
    }

    /// The caller as it stands now; nil when its key is no longer valid.
    private func currentAccess() async throws -> AccessContext? {
        do {
            return try await server.authenticator.authenticate(headers: credentials, client: client)
        } catch is AuthenticationError {
            return nil
        }
    }

    /// The client completed the operation, or the server did: its last
    /// message is sent only while it was still running.
    private func finish(_ id: String, with last: GraphQLWSServerMessage) async {
        operations[id] = nil
        if state.ended(id) { await send(last) }
    }

    private func lapsed() async { await apply(state.credentialsLapsed()) }

    // MARK: Operations

    /// One `subscribe`: prepared as over HTTP (persisted queries, parse,
    /// limits, validation), then a subscription is followed, and a query or
    /// mutation is executed once and answered with one `next` and `complete`.
    private func runOperation(id: String, payload: JSONValue) async {
        let service = server.service
        let document: PersistedQueryResolver.Resolved
        let parameters: GraphQLHTTPParameters
        do throws(TransportError) {
            parameters = try GraphQLHTTPParameters.fromJSON(payload)
            document = try await server.persistedQueries.resolve(parameters)
        } catch {
            return await finish(id, with: .error(id: id, errors: [error.graphQLError]))
        }
        let request = GraphQLRequest(
            query: document.text, variables: parameters.variables, operationName: parameters.operationName)
        let operation: PreparedOperation
        switch await service.prepare(request) {
        case .refused(let errors): return await finish(id, with: .error(id: id, errors: errors))
        case .ready(let prepared): operation = prepared
        }
        let access: AccessContext
        do {
            guard let current = try await currentAccess() else { return await lapsed() }
            access = current
        } catch {
            return await finish(id, with: .error(id: id, errors: [TransportError.internalError.graphQLError]))
        }
        if let refusal = chargeRateLimit(operation, variables: parameters.variables, access: access) {
            return await finish(id, with: .error(id: id, errors: [TransportError.rateLimited(refusal).graphQLError]))
        }
        _ = await server.persistedQueries.register(document)
        if operation.kind != .subscription {
            let response = await execute(timeLimited: access, operation) { context in
                await service.execute(operation, variables: parameters.variables, context: context)
            }
            switch response {
            case .answered(let response):
                if state.ended(id) {
                    operations[id] = nil
                    await send(.next(id: id, result: response.jsonBytes()))
                    await send(.complete(id: id))
                }
            case .refused(let error):
                await finish(id, with: .error(id: id, errors: [error]))
            }
            return
        }
        await follow(id: id, operation: operation, variables: parameters.variables, access: access)
    }

    /// Subscribes, then executes each event for the caller as it is then.
    private func follow(id: String, operation: PreparedOperation, variables: [String: JSONValue], access: AccessContext)
        async
    {
        let service = server.service
        let subscribed = await execute(timeLimited: access, operation) { context -> SubscribeOutcome in
            await service.subscribe(operation, variables: variables, context: context)
        }
        let subscription: Subscription
        switch subscribed {
        case .refused(let error): return await finish(id, with: .error(id: id, errors: [error]))
        case .answered(.refused(let errors)): return await finish(id, with: .error(id: id, errors: errors))
        case .answered(.subscribed(let started)): subscription = started
        }
        server.metrics.subscriptionStarted()
        defer { server.metrics.subscriptionEnded() }
        do {
            for try await event in subscription.sourceStream {
                let current: AccessContext
                do {
                    guard let now = try await currentAccess() else { return await lapsed() }
                    current = now
                } catch {
                    // The key could not be checked (the database): this event is not sent.
                    server.logger.warning("subscription event dropped: the key could not be checked")
                    continue
                }
                let executed = await execute(timeLimited: current, operation) { context -> GraphQLResponse? in
                    await subscription.execute(event: event, context: context)
                }
                switch executed {
                case .answered(let response?):
                    server.metrics.eventSent()
                    await send(.next(id: id, result: response.jsonBytes()))
                case .answered(nil):
                    server.metrics.eventSkipped()
                case .refused(let error):
                    await send(.next(id: id, result: GraphQLResponse(errors: [error]).jsonBytes()))
                }
            }
        } catch {
            if Task.isCancelled { return }
            let failure = GraphQLResponse(errors: [Subscription.sourceFailure(error)])
            if state.ended(id) {
                operations[id] = nil
                await send(.next(id: id, result: failure.jsonBytes()))
                await send(.complete(id: id))
            }
            return
        }
        if !Task.isCancelled { await finish(id, with: .complete(id: id)) }
    }

    /// How a time-limited step went.
    private enum Executed<T: Sendable>: Sendable {
        case answered(T)
        /// Timed out, the queue was full, or the row-rule lists could not be read.
        case refused(GraphQLError)
    }

    /// Runs `work` as an HTTP operation runs: through the execution gate,
    /// with the caller's access context prepared for the operation's types,
    /// within the execution time limit, on the request executor.
    private func execute<T: Sendable>(
        timeLimited access: AccessContext, _ operation: PreparedOperation,
        _ work: @escaping @Sendable (any Sendable) async -> T
    ) async -> Executed<T> {
        let (gate, limit) = (server.gate, server.gatewayLimits.executionTimeout)
        let outcome = await MongoDeadline.$current.withValue(ContinuousClock.now + limit) {
            await withDeadline(limit, executor: server.executor) { () -> Executed<T> in
                guard await gate.enter() else { return .refused(TransportError.overloaded.graphQLError) }
                defer { gate.leave() }
                let context: any Sendable
                do {
                    context = try await access.preparing(
                        forTypes: operation.selectedTypeNames, fields: operation.selectedFields)
                } catch {
                    return .refused(TransportError.internalError.graphQLError)
                }
                return .answered(await work(context))
            }
        }
        return outcome ?? .refused(TransportError.timeout(after: limit).graphQLError)
    }

    /// Takes one request and the operation's estimated cost from the key's
    /// rate-limit buckets, as an HTTP request would (the events that follow
    /// are not charged: the server sends them).
    private func chargeRateLimit(_ operation: PreparedOperation, variables: [String: JSONValue], access: AccessContext)
        -> RateLimitTicket.Refusal?
    {
        guard let key = access.principal.caller?.key else { return nil }
        let limit = server.rateLimits[key.role].overridden(by: key.rateLimit)
        guard !limit.isUnlimited else { return nil }
        let ticket = RateLimitTicket(limiter: server.rateLimiter, client: "key:\(key.keyId.hex)", limit: limit)
        if let refusal = ticket.take(1, of: .requests) { return refusal }
        let cost = operation.estimatedCost(variables: variables) ?? 1
        if let maxCost = server.service.limits?.maxCost, cost > maxCost { return nil }
        return ticket.take(cost, of: .cost)
    }
}

/// Sockets open per API key in this process (`SubscriptionLimits.maxConnectionsPerKey`).
final class KeyConnectionCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// Counts one more connection for `key`; false (nothing counted) at the limit.
    func acquire(_ key: String, limit: Int) -> Bool {
        counts.withLock { counts in
            let count = counts[key, default: 0]
            guard count < limit else { return false }
            counts[key] = count + 1
            return true
        }
    }

    func release(_ key: String) {
        counts.withLock { counts in
            let count = counts[key, default: 0] - 1
            counts[key] = count > 0 ? count : nil
        }
    }
}
