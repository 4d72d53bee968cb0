public import Logging
public import MongoStore
public import ServiceLifecycle

/// The database pool's place in the service group: listed before the HTTP
/// server, so on SIGTERM/SIGINT it is shut down after the server has drained
/// its in-flight requests. It holds the `MongoClient` until then; once it
/// returns and the gateway's other handles are gone, the client's pool is
/// destroyed (libmongoc closes its connections).
public struct DatabaseLifecycle: Service {
    public let client: MongoClient
    public let logger: Logger

    public init(client: MongoClient, logger: Logger = Logger(label: "supportcarr.database")) {
        self.client = client
        self.logger = logger
    }

    public func run() async throws {
        try? await gracefulShutdown()
        logger.info("server drained; releasing the database pool")
    }
}
