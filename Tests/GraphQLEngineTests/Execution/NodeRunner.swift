import Foundation
import TestNode

/// Runs a JavaScript snippet under Node with graphql-js 16 available, for
/// comparing our results with the reference implementation's; the snippet
/// reads its input from the file named by `process.argv[1]`.
enum NodeRunner {
    /// Runs `script` with `input` in a file named by its first argument; returns standard output.
    static func run(_ script: String, input: String = "") async throws -> String {
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("gql-exec-\(UUID()).txt")
        try Data(input.utf8).write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        return try await NodeProcess.scriptText(script, arguments: [inputFile.path])
    }
}
