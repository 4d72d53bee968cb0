import GraphQLEngine

/// The messages of the `graphql-transport-ws` WebSocket sub-protocol, the one
/// the `graphql-ws` library speaks
/// (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md): every
/// message is one JSON object in a text frame with a `type`, and an `id` for
/// those about one operation.
enum GraphQLWSClientMessage: Sendable {
    /// `connection_init`: the first message, with the credentials in its
    /// payload (`{"Authorization": "Bearer sk_..."}`).
    case connectionInit(payload: [(key: String, value: JSONValue)])
    case ping
    case pong
    /// `subscribe`: an operation to run under `id` (a subscription, or a
    /// query or mutation answered once).
    case subscribe(id: String, payload: JSONValue)
    /// `complete`: the client stops the operation `id`.
    case complete(id: String)

    /// Reads one text frame. A frame that is not such a message is the
    /// protocol's "invalid message": the socket is closed with 4400 and the
    /// thrown reason (`GraphQLWSCloseCode.badRequest`).
    static func parse(_ text: String, maxDepth: Int) throws(GraphQLWSProtocolError) -> GraphQLWSClientMessage {
        let json: JSONValue
        do {
            json = try JSONValue(parsingJSON: Array(text.utf8), maxDepth: maxDepth)
        } catch {
            throw .invalid("Message is not valid JSON")
        }
        guard case .object(let entries) = json else { throw .invalid("Message must be a JSON object") }
        func value(_ key: String) -> JSONValue? { entries.first { $0.key == key }?.value }
        guard case .string(let type)? = value("type") else { throw .invalid("Message is missing a \"type\" string") }
        func id() throws(GraphQLWSProtocolError) -> String {
            guard case .string(let id)? = value("id"), !id.isEmpty else {
                throw .invalid("\"\(type)\" message needs a non-empty \"id\" string")
            }
            guard id.utf8.count <= 256 else { throw .invalid("\"id\" is longer than 256 bytes") }
            return id
        }
        switch type {
        case "connection_init":
            switch value("payload") {
            case nil, .null?: return .connectionInit(payload: [])
            case .object(let payload)?: return .connectionInit(payload: payload)
            default: throw .invalid("\"connection_init\" payload must be an object")
            }
        case "ping": return .ping
        case "pong": return .pong
        case "subscribe":
            let id = try id()
            guard case .object? = value("payload"), let payload = value("payload") else {
                throw .invalid("\"subscribe\" message needs a \"payload\" object")
            }
            return .subscribe(id: id, payload: payload)
        case "complete": return .complete(id: try id())
        case "connection_ack", "next", "error":
            throw .invalid("\"\(type)\" is a message the server sends, not the client")
        default:
            throw .invalid("Unknown message type")
        }
    }
}

/// What the server sends.
enum GraphQLWSServerMessage: Sendable {
    case connectionAck
    case ping
    case pong
    /// `next`: one execution result (a response's JSON bytes).
    case next(id: String, result: [UInt8])
    /// `error`: the operation was refused before it ran (errors without `data`); it is over.
    case error(id: String, errors: [GraphQLError])
    /// `complete`: the operation is over.
    case complete(id: String)

    /// The message as the text of one frame.
    var text: String {
        switch self {
        case .connectionAck: return #"{"type":"connection_ack"}"#
        case .ping: return #"{"type":"ping"}"#
        case .pong: return #"{"type":"pong"}"#
        case .next(let id, let result):
            return #"{"type":"next","id":"# + JSONValue.string(id).jsonString + #","payload":"#
                + String(decoding: result, as: UTF8.self) + "}"
        case .error(let id, let errors):
            // The payload is the list of errors (the response's `errors`).
            var response = String(decoding: GraphQLResponse(errors: errors).jsonBytes(), as: UTF8.self)
            response = String(response.dropFirst(#"{"errors":"#.count).dropLast())
            return #"{"type":"error","id":"# + JSONValue.string(id).jsonString + #","payload":"# + response + "}"
        case .complete(let id):
            return #"{"type":"complete","id":"# + JSONValue.string(id).jsonString + "}"
        }
    }
}

/// The protocol's close codes (PROTOCOL.md, and RFC 6455's 1000 and 1013).
enum GraphQLWSCloseCode: Int, Sendable {
    /// The client or the server is done.
    case normal = 1000
    /// Too many connections for this API key now: try again later (the
    /// `graphql-ws` client retries this code with a back-off).
    case tryAgainLater = 1013
    /// An invalid message.
    case badRequest = 4400
    /// `subscribe` before the connection was acknowledged.
    case unauthorized = 4401
    /// The credentials of `connection_init` were refused, or are no longer valid.
    case forbidden = 4403
    /// No `connection_init` within the init timeout.
    case initTimeout = 4408
    /// A `subscribe` reused the `id` of an operation still running.
    case subscriberAlreadyExists = 4409
    /// A second `connection_init`.
    case tooManyInitRequests = 4429
    /// The server failed.
    case internalError = 4500
}

/// A protocol violation by the client, closing the socket.
enum GraphQLWSProtocolError: Error, Sendable, Equatable {
    /// An invalid message: 4400 with this reason.
    case invalid(String)
}
