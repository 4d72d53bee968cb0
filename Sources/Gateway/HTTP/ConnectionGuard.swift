import Hummingbird
import NIOCore
import NIOHTTPTypes

/// A handler on every HTTP/1 connection (`Gateway.makeApplication`), after
/// the HTTP codec, for what Hummingbird's own connection handling leaves
/// open:
///
/// - **Closing after `Connection: close`.** Hummingbird ends a connection
///   after a request that asks for it, not after a response that says so
///   (RFC 9112, section 9.6: a server that sends `close` must close). The
///   gateway answers 413 without reading the rest of the body, so the
///   connection cannot carry another request; left open, a client still
///   sending its body waits for its own timeout. And after a request that
///   asked to close (Python's `urllib` always does), Hummingbird reads
///   nothing more, so a client still sending a body the gateway refused
///   unread (401, 413, 415, 429) blocks in its writes. Once the response to
///   either has been written, this handler shuts the connection's output
///   (the client reads the answer, then the end of the stream), reads and
///   discards whatever the client still sends, reading on by itself
///   whatever the handlers after it want (so the client's writes go
///   through and no reset destroys the answer before it is read), and
///   closes the connection for good when the client closes its side or
///   after `linger`.
/// - **A read timeout.** Hummingbird's idle timeout restarts with every piece
///   of a request received, so a client could trickle a body a byte at a
///   time for as long as it likes; this handler closes a connection whose
///   request has not fully arrived `readTimeout` after its head did.
///
/// One instance per connection, used on its event loop only.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How long a discarded body may keep arriving after a closing answer.
    static let linger = TimeAmount.seconds(5)

    let readTimeout: TimeAmount
    private var readTimer: Scheduled<Void>?
    private var lingerTimer: Scheduled<Void>?
    /// The request being answered asked to close the connection.
    private var requestAsksClose = false
    /// A response saying `Connection: close`, or answering a request that
    /// asked for it, has begun: inbound parts are dropped from now on.
    private var closing = false
    /// Its end was written and the output shut.
    private var outputClosed = false

    init(readTimeout: TimeAmount) {
        self.readTimeout = readTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // After a closing answer the request is over: drain, never hand on.
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            requestAsksClose = Self.saysClose(head.headerFields)
            readTimer?.cancel()
            readTimer = context.eventLoop.assumeIsolated().scheduleTask(in: readTimeout) {
                context.close(promise: nil)
            }
        case .end:
            readTimer?.cancel()
            readTimer = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where requestAsksClose || Self.saysClose(head.headerFields):
            closing = true
        case .end where closing && !outputClosed:
            outputClosed = true
            context.writeAndFlush(data, promise: promise)
            // Shut only once the answer is on its way (NIO shuts output after pending writes).
            context.close(mode: .output, promise: nil)
            lingerTimer = context.eventLoop.assumeIsolated().scheduleTask(in: Self.linger) {
                context.close(promise: nil)
            }
            context.read()
            return
        default:
            break
        }
        context.write(data, promise: promise)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Draining: read on whatever the handlers after this one want.
        if closing { context.read() }
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The client closed its side after the closing answer: nothing is left to wait for.
        if outputClosed, let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimers()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
    }

    /// Whether a `Connection` field lists `close` (RFC 9110, section 7.6.1: a list of case-insensitive options).
    static func saysClose(_ fields: HTTPFields) -> Bool {
        fields[values: .connection].contains { value in
            value.split(separator: ",").contains { String($0).trimmingWhitespace.lowercased() == "close" }
        }
    }

    private func cancelTimers() {
        readTimer?.cancel()
        readTimer = nil
        lingerTimer?.cancel()
        lingerTimer = nil
    }
}
