import Foundation
import TestNode
import Testing

@testable import GraphQLEngine

/// Runs `ReferenceCorpus` through graphql-js 16 (Node, `NODE_PATH=/usr/share/nodejs`)
/// and through our parser and printer, and requires the same verdicts: the same
/// printed text for valid input, the same message, line and column for invalid input.
/// Fails, rather than skipping, when Node or graphql-js is missing.
@Suite struct GraphQLJSComparisonTests {
    /// What one implementation made of one input.
    struct Outcome: Codable, Equatable, CustomStringConvertible {
        var printed: String?
        var message: String?
        var locations: [[Int]]?

        var description: String {
            if let printed { return "printed:\n\(printed)" }
            return "error: \(message ?? "?") at \(locations ?? [])"
        }
    }

    struct Case: Codable {
        var mode: String
        var text: String
    }

    static let script = #"""
        const { parse, parseValue, parseType, print } = require('graphql');
        const cases = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
        const out = cases.map(({ mode, text }) => {
          try {
            const fn = mode === 'value' ? parseValue : mode === 'type' ? parseType : parse;
            return { printed: print(fn(text, { maxTokens: 15000 })) };
          } catch (e) {
            // JavaScript can quote half of a surrogate pair; JSON cannot carry it.
            const message = e.message.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
            return { message, locations: (e.locations || []).map(l => [l.line, l.column]) };
          }
        });
        process.stdout.write(JSON.stringify(out));
        """#

    static func nodePath() -> String? {
        for candidate in ["/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    /// Runs the cases through graphql-js and returns its outcomes in order.
    static func referenceOutcomes(_ cases: [Case]) async throws -> [Outcome] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("gql-corpus-\(UUID()).json")
        try JSONEncoder().encode(cases).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let data = try await NodeProcess.script(script, arguments: [input.path])
        do {
            return try JSONDecoder().decode([Outcome].self, from: data)
        } catch {
            let dump = FileManager.default.temporaryDirectory.appendingPathComponent("graphql-js-output.json")
            try? data.write(to: dump)
            throw ReferenceError("graphql-js output is not decodable (\(error)); written to \(dump.path)")
        }
    }

    struct ReferenceError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func ourOutcome(_ testCase: Case) -> Outcome {
        do throws(GraphQLError) {
            switch testCase.mode {
            case "value": return Outcome(printed: Printer.print(try Parser.parseValue(testCase.text)))
            case "type": return Outcome(printed: Printer.print(try Parser.parseType(testCase.text)))
            default: return Outcome(printed: Printer.print(try Parser.parse(testCase.text)))
            }
        } catch {
            return Outcome(message: error.message, locations: error.locations.map { [$0.line, $0.column] })
        }
    }

    static var allCases: [Case] {
        [ReferenceCorpus.kitchenSinkQuery, ReferenceCorpus.kitchenSinkSchema].map {
            Case(mode: "document", text: $0)
        }
            + ReferenceCorpus.documents.map { Case(mode: "document", text: $0) }
            + ReferenceCorpus.values.map { Case(mode: "value", text: $0) }
            + ReferenceCorpus.types.map { Case(mode: "type", text: $0) }
    }

    @Test func theKitchenSinksAreThereAndParse() throws {
        for text in [ReferenceCorpus.kitchenSinkQuery, ReferenceCorpus.kitchenSinkSchema] {
            #expect(text.count > 500)
            _ = try Parser.parse(text, options: .trusted)
        }
    }

    @Test func theCorpusIsLargeAndHasBothValidAndInvalidDocuments() throws {
        let outcomes = Self.allCases.map(Self.ourOutcome)
        #expect(outcomes.count >= 60)
        #expect(outcomes.filter { $0.printed != nil }.count >= 30)
        #expect(outcomes.filter { $0.message != nil }.count >= 30)
    }

    @Test func everyCorpusEntryParsesAndPrintsExactlyAsGraphQLJSDoes() async throws {
        #expect(try await Self.compare(Self.allCases) == 0)
    }

    /// Compares our outcome with graphql-js's for each case, recording each mismatch.
    static func compare(_ cases: [Case]) async throws -> Int {
        let reference = try await referenceOutcomes(cases)
        try #require(reference.count == cases.count)
        var mismatches = 0
        for (testCase, expected) in zip(cases, reference) {
            let actual = ourOutcome(testCase)
            if let message = expected.message, message.contains("\u{FFFD}") {
                // Known deviation: where graphql-js quotes half of a surrogate pair
                // (it slices UTF-16), we quote the whole character. Same place.
                let prefix = String(message.prefix { $0 != "\u{FFFD}" })
                if actual.message?.hasPrefix(prefix) == true && actual.locations == expected.locations {
                    continue
                }
            }
            if actual != expected {
                mismatches += 1
                if mismatches <= 20 {
                    Issue.record(
                        "\(testCase.mode) \(String(reflecting: testCase.text))\n  graphql-js: \(expected)\n  ours:       \(actual)"
                    )
                }
            }
        }
        return mismatches
    }

    @Test func everyPrefixAndOneCharacterDeletionOfTheKitchenSinksBehavesAsInGraphQLJS() async throws {
        let texts =
            ReferenceCorpus.mutations(of: ReferenceCorpus.kitchenSinkQuery)
            + ReferenceCorpus.mutations(of: ReferenceCorpus.kitchenSinkSchema)
        let cases = texts.map { Case(mode: "document", text: $0) }
        #expect(cases.count > 5_000)
        #expect(try await Self.compare(cases) == 0)
    }

    @Test func randomStringAndBlockStringLiteralsParseAndPrintAsInGraphQLJS() async throws {
        let cases = ReferenceCorpus.randomStringLiterals(count: 3_000).map { Case(mode: "value", text: $0) }
        #expect(try await Self.compare(cases) == 0)
    }

    @Test func printedOutputOfTheCorpusReparsesToTheSameText() throws {
        for text in ReferenceCorpus.documents + [
            ReferenceCorpus.kitchenSinkQuery, ReferenceCorpus.kitchenSinkSchema,
        ] {
            guard let document = try? Parser.parse(text) else { continue }
            let printed = Printer.print(document)
            let reprinted = Printer.print(try Parser.parse(printed))
            #expect(reprinted == printed, "round trip of \(String(reflecting: text))")
        }
    }
}
