import Foundation
import Testing

@testable import GraphQLEngine

/// Replays the engine fuzzer's seed corpus and every crasher it ever found
/// (Fuzz/Corpus, Fuzz/Crashers) with the fuzzer's own checks: no crash,
/// whatever parses prints to text that parses and prints the same, and
/// validates against Fuzz/schema.graphql without crashing.
@Suite struct EngineFuzzRegressionTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(in folder: String) throws -> [URL] {
        let directory = fuzzDirectory.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
    }

    @Test func theSeedCorpusIsThere() throws {
        #expect(try Self.inputs(in: "Corpus").count >= 2)
    }

    @Test func everyFuzzInputParsesOrFailsCleanlyPrintsStablyAndValidates() throws {
        let sdl = try String(contentsOf: Self.fuzzDirectory.appendingPathComponent("schema.graphql"), encoding: .utf8)
        let schema = try buildSchema(sdl: sdl)
        var parsed = 0
        for file in try Self.inputs(in: "Corpus") + Self.inputs(in: "Crashers") {
            let bytes = Array(try Data(contentsOf: file))
            guard
                let document = try? Parser.parse(Source(bytes: bytes), options: ParseOptions(maxTokens: 5000))
            else { continue }
            let printed = Printer.print(document)
            let again = try Parser.parse(printed, options: .trusted)
            #expect(Printer.print(again) == printed, "\(file.lastPathComponent)")
            _ = validate(schema: schema, document: document)
            parsed += 1
        }
        #expect(parsed >= 6)
    }
}
