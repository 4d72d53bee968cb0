// validation-bench: parse + validate (all 26 rules) of one document against one
// schema, N times; prints one JSON line with the median milliseconds. The peer is
// node/validation-bench.js (graphql-js 16) with the same arguments.
//
//   validation-bench --schema FILE.graphql --query FILE.graphql [--iterations N]
//
// Issue 3 asks that a selection of 2,000 repeated fields validate in well under
// a second; the workloads in Workloads/validation are such selections.

import Foundation
import GraphQLEngine

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("validation-bench: \(message)\n".utf8))
    exit(2)
}

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let option = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fail("\(option) needs a value") }
    options[option] = value
}
guard let schemaPath = options["--schema"], let queryPath = options["--query"] else {
    fail("usage: validation-bench --schema FILE.graphql --query FILE.graphql [--iterations N]")
}
let iterations = Int(options["--iterations"] ?? "10") ?? 10
guard let sdl = try? String(contentsOfFile: schemaPath, encoding: .utf8),
    let query = try? String(contentsOfFile: queryPath, encoding: .utf8)
else { fail("cannot read \(schemaPath) or \(queryPath)") }
let schema: GraphQLSchema
do { schema = try buildSchema(sdl: sdl) } catch { fail("invalid schema: \(error.message)") }

var samples: [Double] = []
var errorCount = 0
let clock = ContinuousClock()
for _ in 0..<max(1, iterations) {
    let start = clock.now
    do {
        let document = try Parser.parse(Source(query), options: ParseOptions(maxTokens: nil))
        errorCount = validate(schema: schema, document: document).count
    } catch {
        errorCount = 1
    }
    let elapsed = clock.now - start
    samples.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
}
samples.sort()
let median = samples[samples.count / 2]
print(#"{"engine": "ours", "iterations": \#(samples.count), "medianMs": \#(median), "errors": \#(errorCount)}"#)
