/// An error of the MongoDB layer. Its `description` is deliberately generic
/// ("database error") so nothing about the database can leak to an API client
/// by accident; log ``detail`` (and ``debugDescription``) instead. Callers branch
/// on ``code`` (`if error.code == .duplicateKey`), which is a struct over a
/// private enum so new codes can be added without breaking a `switch`.
public struct MongoError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case duplicateKey, notFound, timeout, cancelled, network, server, invalidArgument, decoding, transaction,
                `internal`
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A unique index refused a write (server code 11000); see ``MongoError/indexName``.
        public static let duplicateKey = Code(.duplicateKey)
        /// The document (or namespace) an operation required does not exist.
        public static let notFound = Code(.notFound)
        /// No server answered in time: server selection, socket or `maxTimeMS`.
        public static let timeout = Code(.timeout)
        /// The task asking for the operation was cancelled before it was sent.
        public static let cancelled = Code(.cancelled)
        /// The connection failed or broke.
        public static let network = Code(.network)
        /// The server refused the operation; see ``MongoError/serverCode``.
        public static let server = Code(.server)
        /// The request itself was invalid (bad URI, bad option, unencodable document).
        public static let invalidArgument = Code(.invalidArgument)
        /// A reply could not be read into the shape asked for.
        public static let decoding = Code(.decoding)
        /// A transaction could not be committed or was used in a wrong state.
        public static let transaction = Code(.transaction)
        /// A failure inside the driver that fits no other kind.
        public static let `internal` = Code(.internal)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// MongoDB's numeric error code when the server sent one (11000, 50, 112...).
    public let serverCode: Int?
    /// For ``Code/duplicateKey``: the name of the unique index that refused the write.
    public let indexName: String?
    /// The server's error labels (`TransientTransactionError`,
    /// `UnknownTransactionCommitResult`, `RetryableWriteError`).
    public let labels: [String]
    /// The full technical message, for logs only.
    public let detail: String

    public init(code: Code, serverCode: Int? = nil, indexName: String? = nil, labels: [String] = [], detail: String) {
        self.code = code
        self.serverCode = serverCode
        self.indexName = indexName
        self.labels = labels
        self.detail = detail
    }

    /// Generic on purpose: safe to show a client.
    public var description: String { "database error" }

    /// Everything, for logs.
    public var debugDescription: String {
        var parts = ["MongoError(\(code)"]
        if let serverCode { parts.append("serverCode: \(serverCode)") }
        if let indexName { parts.append("index: \(indexName)") }
        if !labels.isEmpty { parts.append("labels: \(labels)") }
        parts.append("detail: \(detail))")
        return parts.joined(separator: ", ")
    }

    /// Whether the server attached this error label.
    public func hasLabel(_ label: String) -> Bool { labels.contains(label) }

    static func decoding(_ error: BSONError) -> MongoError {
        MongoError(code: .decoding, detail: error.description)
    }

    static func invalidArgument(_ detail: String) -> MongoError {
        MongoError(code: .invalidArgument, detail: detail)
    }
}
