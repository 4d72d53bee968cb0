/// How to reach MongoDB. Timeouts set here override the same option in the URI;
/// left nil, the URI's value applies, and failing that the default below (chosen
/// so a down database fails a request in seconds rather than hanging it).
public struct MongoClientConfiguration: Sendable {
    /// A `mongodb://` or `mongodb+srv://` connection string.
    public var uri: String
    /// Pooled clients, and so dedicated threads for blocking calls. URI
    /// `maxPoolSize` applies when this is nil; default 8.
    public var maxPoolSize: Int?
    /// How long to wait for a usable server before failing (default 5000 ms).
    public var serverSelectionTimeoutMS: Int?
    /// How long a TCP connect and handshake may take (default 5000 ms).
    public var connectTimeoutMS: Int?
    /// How long a socket read or write may block (default 30000 ms, or what
    /// covers `longestOperation`).
    public var socketTimeoutMS: Int?
    /// The longest an operation of this client may run (the gateway's
    /// execution timeout): when neither `socketTimeoutMS` nor the URI sets the
    /// socket timeout, it is ``socketTimeoutMS(covering:)`` of this.
    public var longestOperation: Duration?
    /// Sent to the server in the handshake; shows in its logs and `currentOp`.
    public var appName: String

    public static let defaultMaxPoolSize = 8
    public static let defaultServerSelectionTimeoutMS = 5_000
    public static let defaultConnectTimeoutMS = 5_000
    public static let defaultSocketTimeoutMS = 30_000
    /// How much longer than the longest operation the socket timeout waits
    /// (``socketTimeoutMS(covering:)``).
    public static let socketTimeoutMargin = Duration.seconds(10)

    /// A socket timeout for a client whose operations may run for up to
    /// `longest` (the gateway's execution timeout): the default, or `longest`
    /// plus ``socketTimeoutMargin`` when that is more.
    ///
    /// Every command of a request carries `maxTimeMS` from the request's
    /// remaining time, so the server gives up first and answers with an error,
    /// which frees its thread. A socket timeout shorter than that cuts the
    /// connection instead while the server goes on working; inside a
    /// transaction the driver labels the cut a transient error, the transaction
    /// is run again, and its first attempt, still executing, holds the
    /// transaction's locks on the server: the retry waits behind it, and the
    /// request spends its whole time limit on one slow statement.
    public static func socketTimeoutMS(covering longest: Duration) -> Int {
        let covering = (longest + socketTimeoutMargin).components
        let milliseconds = covering.seconds * 1000 + covering.attoseconds / 1_000_000_000_000_000
        return max(defaultSocketTimeoutMS, Int(clamping: milliseconds))
    }

    public init(
        uri: String,
        maxPoolSize: Int? = nil,
        serverSelectionTimeoutMS: Int? = nil,
        connectTimeoutMS: Int? = nil,
        socketTimeoutMS: Int? = nil,
        longestOperation: Duration? = nil,
        appName: String = "supportcarr"
    ) {
        self.uri = uri
        self.maxPoolSize = maxPoolSize
        self.serverSelectionTimeoutMS = serverSelectionTimeoutMS
        self.connectTimeoutMS = connectTimeoutMS
        self.socketTimeoutMS = socketTimeoutMS
        self.longestOperation = longestOperation
        self.appName = appName
    }
}
