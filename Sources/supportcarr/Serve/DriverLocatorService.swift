import Foundation
import Logging
import MongoStore
import Resolvers
import ServiceLifecycle

/// The driver locator (`Resolvers/ReadModels/DriverLocator.swift`) in the
/// service group: it loads when the server starts and follows its change
/// stream until the graceful shutdown cancels it, which closes the stream.
/// Listed after the database pool, before the server: it stops once the
/// server has drained (in-flight `nearbyDrivers` may still read it).
struct DriverLocatorService: Service {
    let locator: DriverLocator

    func run() async throws {
        await cancelWhenGracefulShutdown { await locator.run() }
    }

    /// The locator over a `MongoClient` of its own (2 connections, app name
    /// `supportcarr-locator`): its stream holds a connection and a thread for
    /// up to a second at a time, which must not come out of the requests' pool.
    static func makeLocator(settings: ServeSettings) throws -> DriverLocator {
        let client: MongoClient
        do {
            client = try MongoClient(
                MongoClientConfiguration(uri: settings.uri, maxPoolSize: 2, appName: "supportcarr-locator"))
        } catch {
            throw ConfigurationProblem(
                "MONGODB_URI: cannot open the driver locator's client (\(error.debugDescription))")
        }
        let logger = Logger(label: "supportcarr.driver-locator")
        return DriverLocator(database: client.database(settings.databaseName)) { event in log(event, to: logger) }
    }

    static func log(_ event: DriverLocatorEvent, to logger: Logger) {
        switch event {
        case .loaded(let drivers, let duration):
            logger.info("loaded \(drivers) available drivers in \(duration)")
        case .resumed:
            logger.info("change stream resumed")
        case .interrupted(let error, let willResume):
            let next = willResume ? "resuming" : "reloading"
            logger.warning(
                "change stream interrupted (\(error.debugDescription)); \(next); nearbyDrivers reads the database meanwhile"
            )
        case .collectionReplaced:
            logger.warning("driverprofiles was dropped or renamed; reloading")
        case .overCapacity(let drivers, let capacity):
            logger.error(
                "more available drivers (\(drivers)) than the locator's capacity (\(capacity)); nearbyDrivers reads the database"
            )
        case .stopped:
            logger.info("stopped")
        }
    }
}
