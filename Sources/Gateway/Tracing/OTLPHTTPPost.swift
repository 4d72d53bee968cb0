import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 POST over a fresh connection, enough for an OTLP export
/// (https://opentelemetry.io/docs/specs/otlp/#otlphttp): NIO is already in
/// the build (Hummingbird's), an HTTP client library is not, and an export a
/// second needs no connection pool. Plain `http` only (`TracingConfiguration`
/// refuses `https`: put a collector beside the gateway).
struct OTLPHTTPPost: Sendable {
    let host: String
    let port: Int
    let path: String
    let timeout: TimeAmount

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `body` and returns the response's status code.
    func send(_ body: [UInt8], contentType: String) async throws -> Int {
        let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Int.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(StatusHandler(promise: promise))
                    }
                }
                .connect(host: host, port: port).get()
        } catch {
            // No channel, so no handler will ever complete it.
            promise.fail(error)
            throw error
        }
        let timeout = channel.eventLoop.scheduleTask(in: self.timeout) {
            promise.fail(Failed(description: "no answer within \(self.timeout)"))
            channel.close(promise: nil)
        }
        defer { timeout.cancel() }
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
        head.headers.add(name: "Host", value: "\(host):\(port)")
        head.headers.add(name: "Content-Type", value: contentType)
        head.headers.add(name: "Content-Length", value: String(body.count))
        head.headers.add(name: "Connection", value: "close")
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        let status = try await promise.futureResult.get()
        try? await channel.close()
        return status
    }

    /// Completes the promise with the status once the whole response has
    /// arrived (the body, a collector's partial-success note, is not read),
    /// or fails it if the connection closes first.
    private final class StatusHandler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPClientResponsePart
        let promise: EventLoopPromise<Int>
        var status: Int?

        init(promise: EventLoopPromise<Int>) {
            self.promise = promise
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head): status = Int(head.status.code)
            case .body: break
            case .end:
                if let status { promise.succeed(status) }
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            promise.fail(Failed(description: "connection closed before the response"))
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            promise.fail(error)
            context.close(promise: nil)
        }
    }
}
