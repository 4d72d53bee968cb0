import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import MongoStore
import NIOCore
import Testing

@Suite("Health and readiness", .serialized)
struct HealthTests {
    @Test("/healthz answers 200 without credentials")
    func healthz() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(uri: "/healthz", method: .get)
                #expect(response.status == .ok)
                #expect(response.body.text == "ok\n")
            }
        }
    }

    @Test("/readyz turns 503 when the database stops and 200 again when it is back, without a restart")
    func readinessFollowsTheDatabase() async throws {
        let name = "gateway-readyz-\(UInt32.random(in: 0...UInt32.max))"
        let uri = try await DatabaseScript.run(["start", "--memory", "--name", name])
        do {
            try await followTheDatabase(name: name, uri: uri)
        } catch {
            _ = try? await DatabaseScript.run(["stop", "--name", name])
            throw error
        }
        try await DatabaseScript.run(["stop", "--name", name])
    }

    func followTheDatabase(name: String, uri: String) async throws {
        let digits = uri.split(separator: ":").last.map { String($0.prefix(while: \.isNumber)) } ?? ""
        let port = try #require(digits.isEmpty ? nil : digits)
        let watched = try MongoClient(MongoClientConfiguration(uri: uri, serverSelectionTimeoutMS: 1_000))
        let readiness = DatabaseReadiness(client: watched, timeout: .seconds(2))
        try await GatewayFixture.with(readiness: readiness) { fixture in
            try await fixture.live { client in
                let up = try await client.execute(uri: "/readyz", method: .get)
                #expect(up.status == .ok)

                try await DatabaseScript.run(["stop", "--name", name])
                let down = try await client.execute(uri: "/readyz", method: .get)
                #expect(down.status == .serviceUnavailable)
                #expect(down.body.text == "database unreachable\n")
                // The process itself is still alive.
                let alive = try await client.execute(uri: "/healthz", method: .get)
                #expect(alive.status == .ok)

                try await DatabaseScript.run(["start", "--memory", "--name", name, "--port", port])
                var status = HTTPResponse.Status.serviceUnavailable
                for _ in 0..<40 where status != .ok {
                    status = try await client.execute(uri: "/readyz", method: .get).status
                    if status != .ok { try await Task.sleep(for: .milliseconds(250)) }
                }
                #expect(status == .ok)
            }
        }
    }
}
