import Foundation

/// Runs `scripts/db` to start and stop throw-away SecantusDB instances of a
/// test's own (each under a name no other test or helper uses), for tests that
/// restart or stop the database under a live client.
public enum DatabaseScript {
    public struct Failed: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// Runs `scripts/db arguments` and returns what it printed, with
    /// posix_spawn and waitpid: Foundation's `Process` missed the script's exit here.
    @discardableResult
    public static func run(_ arguments: [String]) async throws -> String {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("test-db-\(UInt32.random(in: 0...UInt32.max)).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let script = LiveDatabase.repositoryRoot.appendingPathComponent("scripts/db").path
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
