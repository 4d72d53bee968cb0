import Foundation
import GraphQL
import Testing

@testable import graphql_bench

/// Whether graphql-js 16 is installed where the node runner looks for it.
private let nodeHasGraphQL = FileManager.default.fileExists(atPath: "/usr/share/nodejs/graphql/package.json")

/// Runs the committed workloads through graphql-js (node/graphql-bench.js) and the
/// Swift engines once each, and compares their `result`s as ordered JSON values
/// (member order matters, 5 and 5.0 are the same number). Our errors are compared
/// without their `extensions.code`, which graphql-js does not give (as
/// tools/canonical_json.py's `without_error_codes` does for run.sh).
@Suite(.enabled(if: nodeHasGraphQL, "needs node and graphql-js under /usr/share/nodejs"))
struct WorkloadAgreementTests {
    static let benchmarks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let workloads = ["small", "introspection", "introspection-basic", "list1000"]
    /// The engines whose result must equal graphql-js's, with the workloads they
    /// can run as given (see README: GraphQLSwift cannot answer the introspection ones).
    static let enginesThatMustAgree: [(engine: String, workloads: [String])] = [
        ("graphqlswift", ["small", "list1000"]),
        ("ours", workloads),
    ]

    static func inputs(_ workload: String) throws -> BenchInputs {
        let folder = benchmarks.appendingPathComponent("Workloads/\(workload)")
        func read(_ name: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        let variables = try? read("variables.json")
        return BenchInputs(
            schemaSDL: try read("schema.graphql"), dataJSON: Array(try read("data.json").utf8),
            query: try read("query.graphql"), variablesJSON: variables.map { Array($0.utf8) })
    }

    /// graphql-js's response to a workload, from its runner's output line.
    static func graphqlJSResult(_ workload: String) throws -> Map {
        let folder = benchmarks.appendingPathComponent("Workloads/\(workload)").path
        var arguments = [
            benchmarks.appendingPathComponent("node/graphql-bench.js").path,
            "--schema", "\(folder)/schema.graphql", "--data", "\(folder)/data.json",
            "--query", "\(folder)/query.graphql", "--iterations", "1", "--warmup", "0",
        ]
        if FileManager.default.fileExists(atPath: "\(folder)/variables.json") {
            arguments += ["--variables", "\(folder)/variables.json"]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["NODE_PATH": "/usr/share/nodejs"]) {
            $1
        }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let line = try OrderedJSONParser.parse(Array(bytes))
        return line["result"]
    }

    @Test(arguments: workloads)
    func graphqlJSAnswersEveryWorkloadWithoutErrors(workload: String) throws {
        guard case .dictionary(let response) = try Self.graphqlJSResult(workload) else {
            Issue.record("the result is not an object")
            return
        }
        #expect(response["errors"] == nil)
        #expect(response["data"] != nil && response["data"] != .null)
    }

    @Test func swiftEnginesReturnGraphQLJSResult() async throws {
        for (engineName, workloads) in Self.enginesThatMustAgree {
            for workload in workloads {
                let engine = try EngineRegistry.makeEngine(named: engineName, inputs: try Self.inputs(workload))
                var response = try OrderedJSONParser.parse(await Self.respond(engine))
                if engineName == "ours" { response = Self.withoutErrorCodes(response) }
                #expect(response == (try Self.graphqlJSResult(workload)), "\(engineName) on \(workload)")
            }
        }
    }

    /// A response with `extensions.code` taken out of each error (and
    /// `extensions` dropped when nothing else is left in it): the one member our
    /// errors carry that graphql-js's do not.
    static func withoutErrorCodes(_ response: Map) -> Map {
        guard case .dictionary(var members) = response, case .array(let errors)? = members["errors"] else {
            return response
        }
        members["errors"] = .array(
            errors.map { error in
                guard case .dictionary(var entries) = error, case .dictionary(var extensions)? = entries["extensions"]
                else { return error }
                extensions.removeValue(forKey: "code")
                entries["extensions"] = extensions.isEmpty ? nil : .dictionary(extensions)
                return .dictionary(entries)
            })
        return .dictionary(members)
    }

    private static func respond(_ engine: some BenchEngine) async -> [UInt8] {
        var engine = engine
        return await engine.runOnce()
    }
}
