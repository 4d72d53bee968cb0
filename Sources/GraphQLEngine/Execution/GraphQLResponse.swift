/// A response (https://spec.graphql.org/October2021/#sec-Response-Format):
/// `data` when execution started, and the errors raised, in the order they happened.
public struct GraphQLResponse: Sendable {
    /// The result tree; nil when the request failed before execution (then
    /// the response has no `data` entry at all).
    public let tree: ResultTree?
    public let errors: [GraphQLError]
    /// How many loader batches the request sent (for tests and metrics).
    public let loaderBatches: Int
    /// How many round trips those batches took: batches sharing a
    /// `BatchChannel` in one level count once.
    public let loaderRoundTrips: Int
    /// The keys of each of those batches (for metrics).
    public let loaderBatchSizes: [Int]
    /// The response's JSON made ahead (`encodingAhead()`), for an answer
    /// written many times (`IntrospectionAnswers`).
    private(set) var encoded: [UInt8]?

    public init(
        data: ResultTree? = nil, errors: [GraphQLError], loaderBatches: Int = 0, loaderRoundTrips: Int? = nil,
        loaderBatchSizes: [Int] = []
    ) {
        self.tree = data
        self.errors = errors
        self.loaderBatches = loaderBatches
        self.loaderRoundTrips = loaderRoundTrips ?? loaderBatches
        self.loaderBatchSizes = loaderBatchSizes
    }

    /// `data` as a value: nil when absent, `.null` when nulled by a non-null root field.
    public var data: JSONValue? { tree?.data }

    /// The response as JSON bytes: `{"errors":[...],"data":...}`, `errors`
    /// first (as the spec's examples and graphql-js's `execute` order them)
    /// and only when there are any, `data` only when execution started.
    public func jsonBytes() -> [UInt8] {
        if let encoded { return encoded }
        // About 18 bytes per slot in practice (keys included); reserving a
        // little more spares the copy of a last regrowth of a large response.
        var writer = JSONWriter(capacity: 256 + (tree?.slots.count ?? 0) * 24)
        writer.write(self)
        return writer.finish()
    }

    /// The same response with its JSON made now, once for every later `jsonBytes()`.
    func encodingAhead() -> GraphQLResponse {
        var response = self
        response.encoded = jsonBytes()
        return response
    }

    /// The response as a JSON string.
    public func jsonString() -> String { String(decoding: jsonBytes(), as: UTF8.self) }
}
