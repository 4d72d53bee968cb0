// libFuzzer entry point for GraphQLEngine. The front half: parse any bytes;
// for every document that parses, check that printing it gives text that parses
// again and prints identically, and validate it with every specified rule
// against Fuzz/schema.graphql. Then, unless ENGINE_FUZZ_MODE is "front", the
// whole pipeline as the gateway runs it, on a thread with a database thread's
// stack (PipelineFuzz.swift). Built by scripts/fuzz together with the engine's
// sources (so the package needs no fuzzer target); see that script.
//
// A crash, hang or sanitizer report here is a bug: every input must end in a
// document or a GraphQLError. Crashers are kept in Fuzz/Crashers and replayed by
// EngineFuzzRegressionTests on every test run.

import Foundation

/// Built once per process from Fuzz/schema.graphql (the script runs from the
/// repository root); `nil` makes every input fail loudly below.
let fuzzSchema: GraphQLSchema? = {
    guard let sdl = try? String(contentsOfFile: "Fuzz/schema.graphql", encoding: .utf8) else { return nil }
    return try? buildSchema(sdl: sdl)
}()

/// Whether to run the whole pipeline after the front half.
let fuzzesPipeline = ProcessInfo.processInfo.environment["ENGINE_FUZZ_MODE"] != "front"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let schema = fuzzSchema else { fatalError("Fuzz/schema.graphql is missing or invalid") }
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    if fuzzesPipeline { fuzzPipeline(bytes) }
    guard let document = try? Parser.parse(Source(bytes: bytes), options: ParseOptions(maxTokens: 5000))
    else {
        return 0
    }
    let printed = Printer.print(document)
    guard let again = try? Parser.parse(printed, options: .trusted) else {
        fatalError("printed output does not parse:\n\(printed)")
    }
    let reprinted = Printer.print(again)
    if reprinted != printed {
        fatalError("printing is not stable:\n\(printed)\n---\n\(reprinted)")
    }
    _ = validate(schema: schema, document: document)
    return 0
}
