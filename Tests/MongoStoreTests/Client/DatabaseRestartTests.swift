import Foundation
import MongoStore
import Testing

/// Starts and stops a throw-away SecantusDB of its own through `scripts/db`
/// (`DatabaseScript`, which `scripts/setup` installs), so it can restart it
/// under a live client.
@Suite struct DatabaseRestartTests {
    @Test func theNextOperationAfterTheDatabaseRestartsSucceedsWithTheSameClient() async throws {
        let name = "restart-test-\(UInt32.random(in: 0...UInt32.max))"
        let uri = try await DatabaseScript.run(["start", "--memory", "--name", name])
        // The instance must go even when an expectation throws: stop it in both paths.
        do {
            try await restart(name: name, uri: uri)
        } catch {
            _ = try? await DatabaseScript.run(["stop", "--name", name])
            throw error
        }
        try await DatabaseScript.run(["stop", "--name", name])
    }

    func restart(name: String, uri: String) async throws {
        guard let port = uri.split(separator: ":").last?.prefix(while: \.isNumber), !port.isEmpty else {
            throw DatabaseScript.Failed(description: "no port in \(uri)")
        }
        let client = try MongoClient(MongoClientConfiguration(uri: uri, serverSelectionTimeoutMS: 1_000))
        let c = client.database("restart").collection("c")
        try await c.insertOne(["_id": 1])
        #expect(try await c.countDocuments() == 1)

        try await DatabaseScript.run(["stop", "--name", name])
        // While it is down, operations fail with a typed error, not a hang.
        do throws(MongoError) {
            _ = try await c.countDocuments()
            Issue.record("an operation succeeded while the database was down")
        } catch {
            #expect(error.code == .network || error.code == .timeout, "\(error.debugDescription)")
        }

        try await DatabaseScript.run(["start", "--memory", "--name", name, "--port", String(port)])
        // The in-memory store starts empty; the point is that the same client works.
        try await c.insertOne(["_id": 2])
        #expect(try await c.findOne(["_id": 2]) == ["_id": 2])
    }
}
