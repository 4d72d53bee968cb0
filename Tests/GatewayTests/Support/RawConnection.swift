import NIOCore
import NIOPosix
import Synchronization

/// A plain TCP connection to the gateway, for what an HTTP client hides: a
/// client that sends nothing, or sends a body slowly, and whether and when
/// the server closes the connection.
struct RawConnection: Sendable {
    let channel: any Channel
    let inbound: NIOAsyncChannelInboundStream<ByteBuffer>
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// Connects to `127.0.0.1:port` and runs `body` with the connection, closing it afterwards.
    static func with<R: Sendable>(port: Int, _ body: (RawConnection) async throws -> R) async throws -> R {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(RawConnection(channel: channel.channel, inbound: inbound, outbound: outbound))
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
    /// and how long that took; nil when it was still open after `limit`
    /// (this side closes it then).
    func readUntilClosed(within limit: Duration) async -> (text: String, after: Duration)? {
        let clock = ContinuousClock()
        let start = clock.now
        let timedOut = Flag()
        let channel = self.channel
        let timer = Task {
            try? await Task.sleep(for: limit)
            guard !Task.isCancelled else { return }
            timedOut.set()
            try? await channel.close()
        }
        defer { timer.cancel() }
        var text = ""
        do {
            for try await buffer in inbound { text += String(buffer: buffer) }
        } catch {
            // A reset is a close too.
        }
        let after = clock.now - start
        return timedOut.isSet ? nil : (text, after)
    }

    private final class Flag: Sendable {
        private let value = Atomic<Bool>(false)
        func set() { value.store(true, ordering: .relaxed) }
        var isSet: Bool { value.load(ordering: .relaxed) }
    }
}
