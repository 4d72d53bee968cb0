import Foundation
import MongoStore
import Resolvers
import Testing

/// A throw-away database with a `driverprofiles` collection (and its 2dsphere
/// index), a writer that plays the other processes (the Node services, the
/// driver app) on a client of its own, and locators over it on another
/// client with an app name of their own, which the server's `failCommand`
/// fail point can single out.
struct LocatorFixture: Sendable {
    let writer: MongoClient
    let database: MongoDatabase
    let appName: String
    let locatorClient: MongoClient

    var drivers: MongoCollection { database.collection("driverprofiles") }

    /// Short back-offs and a short freshness limit, so that tests run in seconds.
    static let testConfiguration = DriverLocator.Configuration(
        freshnessLimit: .seconds(2), maxAwait: .milliseconds(200), retryDelays: [.milliseconds(100)],
        refusalRetryDelay: .milliseconds(300))

    /// Runs `body` with a fixture on the server `MONGODB_URI` names, or, with
    /// `ownServer`, on a server of its own that `scripts/db` starts with test
    /// commands (`configureFailPoint`) and stops after: for fail points, and
    /// for the heavy comparisons, whose queries would otherwise queue before
    /// every other suite's on the shared server.
    static func with<R>(
        _ test: String = #function, ownServer: Bool = false, _ body: (LocatorFixture) async throws -> R
    ) async throws -> R {
        guard ownServer else {
            return try await LiveDatabase.withDatabase(test) { writer, database in
                try await body(try await make(uri: try LiveDatabase.uri(), writer: writer, database: database))
            }
        }
        let name = "locator-\(UInt32.random(in: 0...UInt32.max))"
        let uri = try await DatabaseScript.run(["start", "--memory", "--name", name, "--test-commands"])
        do {
            let writer = try MongoClient(uri: uri)
            let fixture = try await make(uri: uri, writer: writer, database: writer.database("locator"))
            let result = try await body(fixture)
            try await fixture.failCommand(mode: "off")
            try await DatabaseScript.run(["stop", "--name", name])
            return result
        } catch {
            _ = try? await DatabaseScript.run(["stop", "--name", name])
            throw error
        }
    }

    private static func make(uri: String, writer: MongoClient, database: MongoDatabase) async throws
        -> LocatorFixture
    {
        _ = try await database.collection("driverprofiles").createIndex(IndexModel(keys: ["location": "2dsphere"]))
        let appName = "locator-test-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let locatorClient = try MongoClient(MongoClientConfiguration(uri: uri, maxPoolSize: 2, appName: appName))
        return LocatorFixture(writer: writer, database: database, appName: appName, locatorClient: locatorClient)
    }

    func locator(_ configuration: DriverLocator.Configuration = testConfiguration) -> DriverLocator {
        DriverLocator(database: locatorClient.database(database.name), configuration: configuration)
    }

    /// Runs `body` while `locator` runs, once it answers; stops it after.
    func running<R>(_ locator: DriverLocator, _ body: () async throws -> R) async throws -> R {
        let run = Task { await locator.run() }
        do {
            try await Self.eventually("the locator serves", within: .seconds(30)) { locator.status.isServing }
            let result = try await body()
            run.cancel()
            await run.value
            return result
        } catch {
            run.cancel()
            await run.value
            throw error
        }
    }

    /// A driver profile as the Node services store it (personal data as opaque text).
    static func driver(
        _ id: ObjectID = ObjectID(), lng: Double, lat: Double, online: Bool = true, available: Bool = true,
        status: String = "approved"
    ) -> BSONDocument {
        [
            "_id": .objectID(id), "userId": .objectID(ObjectID()), "name": "v1:dev-2:opaque",
            "location": ["type": "Point", "coordinates": [.double(lng), .double(lat)]],
            "lastLocationUpdate": .date(BSONDate(millisecondsSinceEpoch: 1_800_000_000_000)),
            "isOnline": .bool(online), "isAvailable": .bool(available), "status": .string(status),
            "rating": 4.8, "ratingCount": 12,
        ]
    }

    func insert(_ documents: [BSONDocument]) async throws {
        var start = 0
        while start < documents.count {
            try await drivers.insertMany(Array(documents[start..<min(documents.count, start + 1_000)]))
            start += 1_000
        }
    }

    /// Arms (or, with "off", disarms) the server's `failCommand` fail point
    /// for the locator's connections only (a fixture made `with(ownServer: true)`).
    func failCommand(mode: BSONValue, data: BSONDocument = [:]) async throws {
        var scoped = data
        scoped["appName"] = .string(appName)
        _ = try await writer.database("admin").runCommand([
            "configureFailPoint": "failCommand", "mode": mode, "data": .document(scoped),
        ])
    }

    /// Waits until `condition` holds, polling every 5 ms; fails the test after `limit`.
    static func eventually(
        _ what: String, within limit: Duration, _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + limit
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting until \(what)")
                throw TimedOut(what: what)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    struct TimedOut: Error { let what: String }
}
