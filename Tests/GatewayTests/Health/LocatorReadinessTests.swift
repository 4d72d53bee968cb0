import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import MongoStore
import Resolvers
import Testing

/// `/readyz` with the server's probes: the database, then the driver
/// locator's first load (`ServeCommand` combines them the same way).
@Suite("Readiness waits for the driver locator", .serialized)
struct LocatorReadinessTests {
    @Test("/readyz is 503 (\"driver locator loading\") until the locator has loaded, then 200")
    func readyOnlyOnceLoaded() async throws {
        try await LiveDatabase.withDatabase { client, database in
            try await database.collection("driverprofiles").insertOne([
                "_id": .objectID(ObjectID()), "isOnline": true, "isAvailable": true, "status": "approved",
                "location": ["type": "Point", "coordinates": [-122.4, 37.77]],
            ])
            let locator = DriverLocator(database: database)
            let readiness = AllReadiness([
                DatabaseReadiness(client: client, timeout: .seconds(2)),
                ReadinessCondition(reason: "driver locator loading") { locator.hasLoaded },
            ])
            try await GatewayFixture.with(readiness: readiness) { fixture in
                try await fixture.live { http in
                    // The database's probe answers first; a loaded machine can make its
                    // ping miss the 2 s (then it reports the database), so it is asked again.
                    var before = try await http.execute(uri: "/readyz", method: .get)
                    for _ in 0..<5 where before.body.text == "database unreachable\n" {
                        before = try await http.execute(uri: "/readyz", method: .get)
                    }
                    #expect(before.status == .serviceUnavailable)
                    #expect(before.body.text == "driver locator loading\n")
                    let run = Task { await locator.run() }
                    var status = HTTPResponse.Status.serviceUnavailable
                    for _ in 0..<100 where status != .ok {
                        status = try await http.execute(uri: "/readyz", method: .get).status
                        if status != .ok { try await Task.sleep(for: .milliseconds(100)) }
                    }
                    #expect(status == .ok)
                    run.cancel()
                    await run.value
                    // Loaded once is enough: a stopped or broken stream leaves the gateway ready
                    // (asked a few times: a loaded machine can make the database's ping miss its 2 s).
                    var after = HTTPResponse.Status.serviceUnavailable
                    for _ in 0..<5 where after != .ok {
                        after = try await http.execute(uri: "/readyz", method: .get).status
                    }
                    #expect(after == .ok)
                }
            }
        }
    }
}
