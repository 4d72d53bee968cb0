import Synchronization

/// What one `/graphql` request did, noted by the handler as it happens and
/// read once by `RequestLogMiddleware` when the response is ready: the
/// request-log line and the operation metrics are written from it in one place.
final class RequestRecord: Sendable {
    /// One operation of the request (a batch has several).
    struct Operation: Sendable {
        /// The operation's name, already bounded (`ClientText`): it reaches a label and a log field.
        var name: String
        var outcome: GatewayMetrics.Outcome
        var errorCodes: [String]
        var roundTrips: Int
        var loaderBatches = 0
        /// The keys of each loader batch.
        var loaderBatchSizes: [Int] = []
        var duration: Duration = .zero
    }

    struct State: Sendable {
        var operations: [Operation] = []
        /// Database round trips outside any operation (authentication).
        var roundTrips = 0
        var persistedQuery: String?
        var batchSize: Int?
        /// The rate-limit policy behind each refusal the request got (its request, its operations' cost).
        var rateLimited: [RateLimiter.Policy] = []
    }

    private let state = Mutex(State())

    func update(_ change: (inout State) -> Void) {
        state.withLock { change(&$0) }
    }

    var snapshot: State { state.withLock { $0 } }
}
