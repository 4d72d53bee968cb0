import Foundation

/// Runs `scripts/db` to start and stop throw-away SecantusDB instances of the
/// tests' own (each under a name no other test or helper uses).
enum DatabaseScript {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // GatewayTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `scripts/db arguments` and returns what it printed (posix_spawn and
    /// waitpid, as MongoStoreTests do: Foundation's `Process` missed the exit here).
    @discardableResult
    static func run(_ arguments: [String]) async throws -> String {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("gateway-db-\(UInt32.random(in: 0...UInt32.max)).out").path
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
            throw Failed(description: "cannot run \(script)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0 else {
            throw Failed(description: "scripts/db \(arguments.joined(separator: " ")) failed; run scripts/setup first")
        }
        return text
    }
}
