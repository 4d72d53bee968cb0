import Foundation
import MongoStore
import Testing

/// Starts and stops a throw-away SecantusDB of its own through `scripts/db`
/// (which `scripts/setup` installs), so it can restart it under a live client.
@Suite struct DatabaseRestartTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Client
        .deletingLastPathComponent()  // MongoStoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    struct ScriptFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `scripts/db` and returns what it printed, with posix_spawn and
    /// waitpid: Foundation's `Process` never noticed the script's exit here.
    @discardableResult
    static func db(_ arguments: [String]) async throws -> String {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("mongostore-db-\(UInt32.random(in: 0...UInt32.max)).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let script = root.appendingPathComponent("scripts/db").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([script] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, script, &actions, nil, argv, environ) == 0 else {
            throw ScriptFailed(description: "cannot run \(script)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0 else {
            throw ScriptFailed(description: "scripts/db \(arguments.joined(separator: " ")) failed; run scripts/setup first")
        }
        return text
    }

    @Test func theNextOperationAfterTheDatabaseRestartsSucceedsWithTheSameClient() async throws {
        let name = "restart-test-\(UInt32.random(in: 0...UInt32.max))"
        let uri = try await Self.db(["start", "--memory", "--name", name])
        // The instance must go even when an expectation throws: stop it in both paths.
        do {
            try await restart(name: name, uri: uri)
        } catch {
            _ = try? await Self.db(["stop", "--name", name])
            throw error
        }
        try await Self.db(["stop", "--name", name])
    }

    func restart(name: String, uri: String) async throws {
        guard let port = uri.split(separator: ":").last?.prefix(while: \.isNumber), !port.isEmpty else {
            throw ScriptFailed(description: "no port in \(uri)")
        }
        let client = try MongoClient(MongoClientConfiguration(uri: uri, serverSelectionTimeoutMS: 3_000))
        let c = client.database("restart").collection("c")
        try await c.insertOne(["_id": 1])
        #expect(try await c.countDocuments() == 1)

        try await Self.db(["stop", "--name", name])
        // While it is down, operations fail with a typed error, not a hang.
        do throws(MongoError) {
            _ = try await c.countDocuments()
            Issue.record("an operation succeeded while the database was down")
        } catch {
            #expect(error.code == .network || error.code == .timeout, "\(error.debugDescription)")
        }

        try await Self.db(["start", "--memory", "--name", name, "--port", String(port)])
        // The in-memory store starts empty; the point is that the same client works.
        try await c.insertOne(["_id": 2])
        #expect(try await c.findOne(["_id": 2]) == ["_id": 2])
    }
}
