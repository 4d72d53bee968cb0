import Foundation

/// A child process started with posix_spawn, its output going to files the
/// test reads (Foundation's `Process` missed exits here; see MongoStoreTests).
struct Subprocess {
    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// The `supportcarr` binary built next to the test bundle.
    static var supportcarr: String {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On Linux the test runner is `<build>/debug/<Package>PackageTests.xctest`.
        if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("supportcarr").path
    }

    static func start(_ path: String, _ arguments: [String], environment: [String: String]) throws -> Subprocess {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("gateway-cli-\(UInt32.random(in: 0...UInt32.max))").path
        let (stdoutPath, stderrPath) = (base + ".out", base + ".err")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for arg in argv { free(arg) }
            for entry in envp { free(entry) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, envp) == 0 else {
            throw Failed(description: "cannot run \(path) (is it built?)")
        }
        return Subprocess(pid: pid, stdoutPath: stdoutPath, stderrPath: stderrPath)
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the exit (polling, so a hung child fails the test instead of
    /// hanging it). nil when the process ended but its status was collected
    /// elsewhere: in a test run other code (Foundation's `Process`, running
    /// other suites' tools) may reap every child with `waitpid(-1)`.
    func exitStatus(within limit: Duration) async throws -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return (status >> 8) & 0xff }  // WEXITSTATUS
            if result == -1 && errno == ECHILD { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        throw Failed(description: "the process did not exit within \(limit)")
    }

    func removeFiles() {
        try? FileManager.default.removeItem(atPath: stdoutPath)
        try? FileManager.default.removeItem(atPath: stderrPath)
    }
}
