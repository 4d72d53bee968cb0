import NIOCore
import NIOPosix
import Synchronization

/// A plain TCP connection to the gateway, for what an HTTP client hides: a
/// client that sends nothing, or sends a body slowly, and whether and when
/// the server closes the connection.
///
/// When the connection opened and when the server closed it are taken on the
/// channel's event loop, as they happen, not when the test's task next runs:
/// in a full suite Swift's cooperative pool (where the test runs) can be
/// busy for seconds, and a close seen late must not read as a close that came late.
struct RawConnection: Sendable {
    let channel: any Channel
    let inbound: NIOAsyncChannelInboundStream<ByteBuffer>
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let watcher: CloseWatcher

    /// Connects to `127.0.0.1:port` and runs `body` with the connection, closing it afterwards.
    static func with<R: Sendable>(port: Int, _ body: (RawConnection) async throws -> R) async throws -> R {
        let watcher = CloseWatcher()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(watcher)
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(
                RawConnection(channel: channel.channel, inbound: inbound, outbound: outbound, watcher: watcher))
        }
    }

    /// Sends `text`; false when the connection no longer takes writes.
    @discardableResult
    func send(_ text: String) async -> Bool {
        do {
            try await outbound.write(ByteBuffer(string: text))
            return true
        } catch {
            return false
        }
    }

    /// What the server sent before it closed the connection (or reset it),
    /// and how long after the connection opened that was; nil when it was
    /// still open `limit` after this call (this side closes it then).
    func readUntilClosed(within limit: Duration) async -> (text: String, after: Duration)? {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        let channel = self.channel
        let timer = Task {
            try? await Task.sleep(until: deadline)
            guard !Task.isCancelled else { return }
            try? await channel.close()
        }
        defer { timer.cancel() }
        var text = ""
        do {
            for try await buffer in inbound { text += String(buffer: buffer) }
        } catch {
            // A reset is a close too.
        }
        // The server's close, when it came before the deadline; this side's
        // close at the deadline is recorded too, but later than it.
        guard let closed = watcher.closedAt, let opened = watcher.openedAt, closed <= deadline else { return nil }
        return (text, closed - opened)
    }
}

/// Takes the instants the connection opened and closed (input closed by
/// the peer, a reset, or the channel gone), on the event loop as they happen.
private final class CloseWatcher: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let instants = Mutex<(opened: ContinuousClock.Instant?, closed: ContinuousClock.Instant?)>((nil, nil))

    var openedAt: ContinuousClock.Instant? { instants.withLock { $0.opened } }
    var closedAt: ContinuousClock.Instant? { instants.withLock { $0.closed } }

    private func closeNow() {
        let now = ContinuousClock.now
        instants.withLock { if $0.closed == nil { $0.closed = now } }
    }

    func channelActive(context: ChannelHandlerContext) {
        let now = ContinuousClock.now
        instants.withLock { $0.opened = now }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .some(.inputClosed) = event as? ChannelEvent { closeNow() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        closeNow()
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        closeNow()
        context.fireChannelInactive()
    }
}
