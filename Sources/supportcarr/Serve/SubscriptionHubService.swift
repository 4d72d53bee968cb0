import Logging
import MongoStore
import Resolvers
import ServiceLifecycle

/// The change streams behind GraphQL subscriptions (`ChangeStreamHub`,
/// `Resolvers/Subscriptions/`) in the service group: one stream per
/// collection, opened when its first subscriber arrives, followed until the
/// graceful shutdown cancels it, which ends every subscriber. Listed before
/// the server, like the driver locator, so it stops after the server has
/// closed its sockets.
struct SubscriptionHubService: Service {
    let hub: ChangeStreamHub

    func run() async throws {
        await cancelWhenGracefulShutdown { await hub.run() }
    }

    /// The app name of the hub's client: the resume test's fail point singles it out.
    static let appName = "supportcarr-subscriptions"

    /// The hub over a `MongoClient` of its own, one connection per stream and
    /// one spare, so the streams (each holding a connection and a thread for
    /// up to `maxAwait` per `getMore`) never take a client from the requests' pool.
    static func makeHub(settings: ServeSettings) throws -> ChangeStreamHub {
        let collections = SubscriptionResolvers.hubCollections
        let client: MongoClient
        do {
            client = try MongoClient(
                MongoClientConfiguration(uri: settings.uri, maxPoolSize: collections.count + 1, appName: appName))
        } catch {
            throw ConfigurationProblem("MONGODB_URI: cannot open the subscriptions' client (\(error.debugDescription))")
        }
        let logger = Logger(label: "supportcarr.subscriptions")
        return ChangeStreamHub(database: client.database(settings.databaseName), collections: collections) { event in
            log(event, to: logger)
        }
    }

    static func log(_ event: ChangeStreamHub.Event, to logger: Logger) {
        switch event {
        case .opened(let collection):
            logger.info("change stream of \(collection) opened")
        case .resumed(let collection):
            logger.info("change stream of \(collection) resumed")
        case .interrupted(let collection, let error, let willResume):
            let next = willResume ? "resuming with its token" : "starting afresh"
            logger.warning("change stream of \(collection) interrupted (\(error.debugDescription)); \(next)")
        case .historyLost(let collection):
            logger.error(
                "change stream of \(collection) cannot resume (its history is gone); its subscribers were ended")
        case .closed(let collection):
            logger.info("change stream of \(collection) closed: no subscriber left")
        }
    }
}
