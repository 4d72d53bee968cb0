import Foundation
import Testing

@testable import GraphQLEngine

/// Replays the parser fuzzer's seed corpus and every crasher it ever found
/// (Fuzz/ParserCorpus, Fuzz/ParserCrashers) with the fuzzer's own checks:
/// no crash, and whatever parses prints to text that parses and prints the same.
@Suite struct ParserFuzzRegressionTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func inputs(in folder: String) throws -> [URL] {
        let directory = fuzzDirectory.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
    }

    @Test func theSeedCorpusIsThere() throws {
        #expect(try Self.inputs(in: "ParserCorpus").count >= 2)
    }

    @Test func everyFuzzInputParsesOrFailsCleanlyAndPrintsStably() throws {
        var parsed = 0
        for file in try Self.inputs(in: "ParserCorpus") + Self.inputs(in: "ParserCrashers") {
            let bytes = Array(try Data(contentsOf: file))
            guard
                let document = try? Parser.parse(Source(bytes: bytes), options: ParseOptions(maxTokens: 5000))
            else { continue }
            let printed = Printer.print(document)
            let again = try Parser.parse(printed, options: .trusted)
            #expect(Printer.print(again) == printed, "\(file.lastPathComponent)")
            ASTWalker(visitors: []).walk(document)
            parsed += 1
        }
        #expect(parsed >= 6)
    }
}
