import Foundation

/// Runs a JavaScript snippet under Node with graphql-js 16 available
/// (`NODE_PATH=/usr/share/nodejs`), for comparing our results with the
/// reference implementation's. Throws a clear error when Node is missing.
enum NodeRunner {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func nodePath() -> String? {
        for candidate in ["/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    /// Runs `script` with `input` on standard input; returns standard output.
    static func run(_ script: String, input: String = "") throws -> String {
        guard let node = nodePath() else {
            throw Failure(
                description: "Node.js not found: install `nodejs` and `node-graphql` (Debian) to run this test")
        }
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("gql-exec-\(UUID()).txt")
        try Data(input.utf8).write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = ["-e", script, inputFile.path]
        var environment = ProcessInfo.processInfo.environment
        environment["NODE_PATH"] = "/usr/share/nodejs"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "node failed (is node-graphql installed?): \(errorText)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
