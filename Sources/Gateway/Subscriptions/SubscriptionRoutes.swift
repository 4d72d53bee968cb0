import Enforcement
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore

/// The request context of the WebSocket upgrade router: only what the
/// upgrade needs (the client's address for the access context).
struct SubscriptionRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<SubscriptionRequestContext>
    let remoteAddress: String?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}

/// `GET /graphql` with `Upgrade: websocket` and the `graphql-transport-ws`
/// sub-protocol: the subscriptions' socket (README, "Subscriptions").
enum SubscriptionRoutes {
    /// The sub-protocol this socket speaks (PROTOCOL.md of `graphql-ws`).
    static let subprotocol = "graphql-transport-ws"

    /// The router the upgrade requests go through. A request that does not
    /// offer the sub-protocol is not upgraded (answered 400): a client of
    /// the older `subscriptions-transport-ws` protocol would otherwise be
    /// answered in a language it does not speak.
    static func router(server: SubscriptionServer) -> Router<SubscriptionRequestContext> {
        let router = Router(context: SubscriptionRequestContext.self)
        router.ws(
            "/graphql",
            shouldUpgrade: { request, _ in
                guard offersSubprotocol(request.headers[values: .secWebSocketProtocol]) else { return .dontUpgrade }
                return .upgrade([.secWebSocketProtocol: subprotocol])
            },
            onUpgrade: { inbound, outbound, context in
                let client = ClientInfo(
                    address: context.requestContext.remoteAddress, userAgent: context.request.headers[.userAgent])
                await server.serve(inbound: inbound, outbound: outbound, client: client)
            })
        return router
    }

    /// Whether `Sec-WebSocket-Protocol` (one or more comma-separated lists) names ours.
    static func offersSubprotocol(_ values: [String]) -> Bool {
        values.contains { value in
            value.split(separator: ",").contains { name in
                name.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed() == Array(subprotocol)
            }
        }
    }
}

/// The HTTP/1 channel with the WebSocket upgrade, plus the one timer the
/// upgrade pipeline lacks: until the first request's head has been read, it
/// installs no idle handler of its own (Hummingbird adds the HTTP idle timer
/// and the `ConnectionGuard` once it knows the request is not an upgrade), so
/// a client that connects and sends nothing, or trickles its first head,
/// would hold the connection for ever. `FirstRequestTimeout` closes such a
/// connection after `idleTimeout`, and steps aside once the first head is in
/// (then the HTTP handlers take over, or the socket is upgraded).
struct UpgradableHTTPChannel: ServerChildChannel {
    typealias Value = HTTP1WebSocketUpgradeChannel.Value
    let base: HTTP1WebSocketUpgradeChannel
    let firstRequestTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(
                FirstRequestTimeout(timeout: firstRequestTimeout), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// Closes the connection `timeout` after it was set up unless the first
/// request's head (up to its empty line, RFC 9112 section 2.1) has arrived by
/// then; once it has, the handler removes itself and costs nothing more.
final class FirstRequestTimeout: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    let timeout: TimeAmount
    private var timer: Scheduled<Void>?
    /// The last bytes seen, so a CR LF CR LF split across reads is found.
    private var tail: [UInt8] = []

    init(timeout: TimeAmount) { self.timeout = timeout }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let bytes = tail + buffer.readableBytesView
        context.fireChannelRead(data)
        if Self.containsEndOfHead(bytes) {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        } else {
            tail = Array(bytes.suffix(3))
        }
    }

    static func containsEndOfHead(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return true
        }
        return false
    }
}
