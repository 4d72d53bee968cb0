public import Foundation

/// Runs Node.js for the tests that compare us with the reference
/// implementations (graphql-js 16 from Debian's `node-graphql`, the data
/// model's Node `encrypt`).
///
/// The child runs on a thread of its own, never on the task that awaits it:
/// waiting for a process blocks its thread, and Swift's cooperative pool has
/// one thread per core (two on the development machine). A test that blocked
/// there for the seconds a graphql-js run takes under load stalled every other
/// test of the run, including the ones that measure time (a connection's idle
/// timeout) or hold a database transaction open.
public enum NodeProcess {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// Where Node.js is, or nil when it is not installed.
    public static let executable: String? = ["/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs `node arguments…` with `input` on standard input and returns its
    /// standard output. With `graphQL`, `NODE_PATH` points at Debian's
    /// `node-graphql` and the environment is inherited; otherwise the child gets
    /// `environment` only. A missing Node.js or a non-zero exit throws, with
    /// what the child wrote to standard error.
    public static func run(
        _ arguments: [String], input: Data = Data(), graphQL: Bool = true, environment: [String: String] = [:]
    ) async throws -> Data {
        guard let executable else {
            throw Failure(
                description: "Node.js not found: install Debian's `nodejs` and `node-graphql` to run this test")
        }
        var childEnvironment = environment
        if graphQL {
            childEnvironment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            childEnvironment["NODE_PATH"] = "/usr/share/nodejs"
        }
        let finalEnvironment = childEnvironment
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        try runBlocking(executable, arguments, input: input, environment: finalEnvironment)
                    })
            }
            thread.name = "NodeProcess"
            thread.start()
        }
    }

    /// Runs `node -e script arguments…` (see ``run(_:input:graphQL:environment:)``).
    public static func script(_ script: String, arguments: [String] = [], input: Data = Data()) async throws -> Data {
        try await run(["-e", script] + arguments, input: input)
    }

    /// Runs `node -e script arguments…` and returns its output as text.
    public static func scriptText(_ script: String, arguments: [String] = [], input: String = "") async throws
        -> String
    {
        String(decoding: try await Self.script(script, arguments: arguments, input: Data(input.utf8)), as: UTF8.self)
    }

    /// The blocking part, on the caller's own thread. Standard input is fed and
    /// standard error drained by two more threads, so that no full pipe can
    /// stop the child while this thread reads its output.
    private static func runBlocking(
        _ executable: String, _ arguments: [String], input: Data, environment: [String: String]
    ) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }.start()
        let errors = ErrorText()
        let errorReader = Thread {
            errors.set(String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        errorReader.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "node exited with \(process.terminationStatus) (is node-graphql 16 installed?): "
                    + errors.wait())
        }
        return output
    }

    /// Standard error's text, handed from its reader thread to the waiting one.
    private final class ErrorText: @unchecked Sendable {
        // Guarded by `condition`.
        private let condition = NSCondition()
        private var text: String?

        func set(_ value: String) {
            condition.lock()
            text = value
            condition.broadcast()
            condition.unlock()
        }

        func wait() -> String {
            condition.lock()
            defer { condition.unlock() }
            while text == nil { condition.wait() }
            return text ?? ""
        }
    }
}
