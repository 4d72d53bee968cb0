import GraphQLEngine

/// The `graphql-transport-ws` protocol for one socket as a value-type state
/// machine (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md):
/// each input (a client message, the outcome of authentication, an
/// operation's end, the init timer) returns the actions the connection must
/// take, and the I/O lives in `SubscriptionConnection`. So every rule of the
/// protocol can be tested without a socket.
///
/// The rules it keeps:
/// - `connection_init` first, once: a second one closes with 4429; none within
///   the init timeout closes with 4408; refused credentials close with 4403;
///   accepted ones are answered `connection_ack`;
/// - `subscribe` before the acknowledgement closes with 4401; with the id of
///   an operation still running, 4409; beyond the connection's limit of
///   operations it is answered `error` for that id (the socket stays);
/// - `ping` is answered `pong` at any time; `pong` needs no answer;
/// - `complete` from the client stops its operation (an unknown id is ignored:
///   the operation may just have ended);
/// - anything else that is not a valid message closes with 4400.
struct GraphQLWSConnectionState: Sendable {
    enum Phase: Sendable, Equatable {
        /// Waiting for `connection_init`.
        case awaitingInit
        /// `connection_init` received; its credentials are being checked.
        case authenticating
        /// Acknowledged: operations may be started.
        case ready
        /// Closing or closed: every further input is ignored.
        case closed
    }

    enum Action: Sendable {
        case send(GraphQLWSServerMessage)
        case close(GraphQLWSCloseCode, reason: String)
        /// Check the `connection_init` payload's credentials, then call `authenticated(_:)`.
        case authenticate(payload: [(key: String, value: JSONValue)])
        /// Start operation `id` (parse, validate, run or subscribe); call `ended(_:)` when it is over.
        case start(id: String, payload: JSONValue)
        /// Stop operation `id` (the client completed it); send nothing for it.
        case stop(id: String)
    }

    /// Why `authenticate`'s check failed, or that it passed.
    enum Authentication: Sendable {
        case accepted
        /// The credentials are missing or not valid: 4403.
        case refused
        /// This key has too many connections open: 1013, try later.
        case tooManyConnections
        /// The check itself failed (the database): 4500.
        case failed
    }

    private(set) var phase = Phase.awaitingInit
    /// The operations running, by id.
    private(set) var running: Set<String> = []
    let maxOperations: Int

    init(maxOperations: Int) {
        self.maxOperations = maxOperations
    }

    /// A text frame from the client.
    mutating func receive(_ text: String, maxDepth: Int = 64) -> [Action] {
        guard phase != .closed else { return [] }
        let message: GraphQLWSClientMessage
        do {
            message = try GraphQLWSClientMessage.parse(text, maxDepth: maxDepth)
        } catch {
            switch error {
            case .invalid(let reason): return close(.badRequest, reason)
            }
        }
        switch message {
        case .connectionInit(let payload):
            guard phase == .awaitingInit else { return close(.tooManyInitRequests, "Too many initialisation requests") }
            phase = .authenticating
            return [.authenticate(payload: payload)]
        case .ping:
            return [.send(.pong)]
        case .pong:
            return []
        case .subscribe(let id, let payload):
            guard phase == .ready else { return close(.unauthorized, "Unauthorized") }
            guard !running.contains(id) else {
                return close(.subscriberAlreadyExists, "Subscriber for \(id) already exists")
            }
            guard running.count < maxOperations else {
                return [
                    .send(
                        .error(
                            id: id,
                            errors: [
                                GraphQLError(
                                    message:
                                        "Too many operations on this connection (at most \(maxOperations) at once); complete one first.",
                                    extensions: [("code", .string("TOO_MANY_SUBSCRIPTIONS"))])
                            ]))
                ]
            }
            running.insert(id)
            return [.start(id: id, payload: payload)]
        case .complete(let id):
            guard running.remove(id) != nil else { return [] }
            return [.stop(id: id)]
        }
    }

    /// A binary frame: the protocol is text only.
    mutating func receiveBinary() -> [Action] {
        guard phase != .closed else { return [] }
        return close(.badRequest, "Messages must be text frames")
    }

    /// The outcome of the `authenticate` action.
    mutating func authenticated(_ outcome: Authentication) -> [Action] {
        guard phase == .authenticating else { return [] }
        switch outcome {
        case .accepted:
            phase = .ready
            return [.send(.connectionAck)]
        case .refused: return close(.forbidden, "Forbidden")
        case .tooManyConnections: return close(.tryAgainLater, "Too many connections for this API key")
        case .failed: return close(.internalError, "Internal server error")
        }
    }

    /// The init timer fired.
    mutating func initTimeoutPassed() -> [Action] {
        guard phase == .awaitingInit || phase == .authenticating else { return [] }
        return close(.initTimeout, "Connection initialisation timeout")
    }

    /// Operation `id` ended on the server's side (its last message, `complete`
    /// or `error`, is sent by the connection). False when it was no longer
    /// running (the client completed it first), so nothing must be sent.
    mutating func ended(_ id: String) -> Bool {
        running.remove(id) != nil
    }

    /// The subscriber's credentials are no longer valid (checked before each event).
    mutating func credentialsLapsed() -> [Action] {
        guard phase != .closed else { return [] }
        return close(.forbidden, "Forbidden")
    }

    /// The server shuts the connection (shutting down, or failed).
    mutating func shut(_ code: GraphQLWSCloseCode, _ reason: String) -> [Action] {
        guard phase != .closed else { return [] }
        return close(code, reason)
    }

    private mutating func close(_ code: GraphQLWSCloseCode, _ reason: String) -> [Action] {
        phase = .closed
        let stops = running.sorted().map { Action.stop(id: $0) }
        running = []
        return stops + [.close(code, reason: reason)]
    }
}
