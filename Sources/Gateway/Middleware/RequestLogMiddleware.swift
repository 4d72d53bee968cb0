import Hummingbird
import Logging

/// The outermost middleware of `/graphql`: times the request and, when its
/// response is ready, writes the one log line (`RequestLog`) and the
/// operation metrics from what the inner layers noted in the context's
/// `RequestRecord`. Nothing inside writes logs or metrics of its own, so a
/// request is counted once however it ended (refused by a middleware,
/// answered by the handler, or a thrown error).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let metrics: GatewayMetrics
    let logger: Logger
    /// `logger`'s handler when it takes the line's fields sorted, found once
    /// here rather than cast on every request.
    let sortedFieldsHandler: (any SortedFieldsLogHandler)?

    init(metrics: GatewayMetrics, logger: Logger) {
        self.metrics = metrics
        self.logger = logger
        self.sortedFieldsHandler = logger.handler as? any SortedFieldsLogHandler
    }

    func handle(
        _ request: Request, context: GatewayRequestContext,
        next: (Request, GatewayRequestContext) async throws -> Response
    ) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let status: Int
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            finish(request, context, status: status, duration: clock.now - start)
            return response
        } catch let error as any HTTPResponseError {
            finish(request, context, status: Int(error.status.code), duration: clock.now - start)
            throw error
        } catch {
            finish(request, context, status: 500, duration: clock.now - start)
            throw error
        }
    }

    private func finish(_ request: Request, _ context: GatewayRequestContext, status: Int, duration: Duration) {
        let record = context.record.snapshot
        // The request's own round trips (authentication) count with its first operation.
        for (index, operation) in record.operations.enumerated() {
            metrics.recordOperation(
                operation: operation.name, outcome: operation.outcome, duration: operation.duration,
                roundTrips: operation.roundTrips + (index == 0 ? record.roundTrips : 0),
                loaderBatches: operation.loaderBatches, loaderBatchSizes: operation.loaderBatchSizes,
                errorCodes: operation.errorCodes)
        }
        for policy in record.rateLimited { metrics.recordRateLimited(policy: policy) }
        RequestLog(method: request.method.rawValue, path: request.uri.path, status: status, record: record)
            .write(to: logger, handler: sortedFieldsHandler, duration: duration)
    }
}
