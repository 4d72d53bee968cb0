import GraphQL
import Testing

@testable import graphql_bench

/// Our engine through the harness: the same inputs and output shape as the others.
struct OurEngineTests {
    static func respond(_ inputs: BenchInputs) async throws -> Map {
        var engine = try EngineRegistry.makeEngine(named: "ours", inputs: inputs)
        return try OrderedJSONParser.parse(await engine.runOnce())
    }

    @Test func oursAnswersAQueryFromTheDataFileWithTheDefaultResolver() async throws {
        let inputs = BenchInputs(
            schemaSDL: "type Query { a: Int b(x: Int): [Item] } interface Item { id: ID } type T implements Item { id: ID n: String }",
            dataJSON: Array(#"{"a": 7, "b": [{"__typename": "T", "id": 1, "n": "one"}]}"#.utf8),
            query: "query Q($x: Int) { a b(x: $x) { __typename id ... on T { n } } }",
            variablesJSON: Array(#"{"x": 3}"#.utf8))
        let response = try await Self.respond(inputs)
        #expect(
            response
                == (try OrderedJSONParser.parse(
                    Array(#"{"data":{"a":7,"b":[{"__typename":"T","id":"1","n":"one"}]}}"#.utf8))))
    }

    @Test func anInvalidDocumentGivesTheErrorResponseNotAFailure() async throws {
        let inputs = BenchInputs(schemaSDL: "type Query { a: Int }", dataJSON: Array("{}".utf8), query: "{ nope }")
        let response = try await Self.respond(inputs)
        guard case .dictionary(let members) = response, case .array(let errors)? = members["errors"] else {
            Issue.record("expected an errors array, got \(response)")
            return
        }
        #expect(members["data"] == nil)
        #expect(errors.count == 1)
        #expect(errors.first?["message"] == .string("Cannot query field \"nope\" on type \"Query\"."))
    }

    @Test func aDocumentThatDoesNotParseGivesTheErrorResponse() async throws {
        let inputs = BenchInputs(schemaSDL: "type Query { a: Int }", dataJSON: Array("{}".utf8), query: "{ a")
        let response = try await Self.respond(inputs)
        guard case .dictionary(let members) = response, case .array(let errors)? = members["errors"] else {
            Issue.record("expected an errors array, got \(response)")
            return
        }
        #expect(errors.count == 1)
        #expect(errors.first?["message"] == .string("Syntax Error: Expected Name, found <EOF>."))
    }

    @Test func aSchemaThatCannotBeBuiltIsAUsageError() {
        let inputs = BenchInputs(schemaSDL: "type Query { a: Missing }", dataJSON: Array("{}".utf8), query: "{ a }")
        #expect(throws: UsageError.self) {
            _ = try EngineRegistry.makeEngine(named: "ours", inputs: inputs)
        }
    }

    @Test func variablesThatAreNotAnObjectAreAUsageError() {
        let inputs = BenchInputs(
            schemaSDL: "type Query { a: Int }", dataJSON: Array("{}".utf8), query: "{ a }",
            variablesJSON: Array("[1]".utf8))
        #expect(throws: UsageError.self) {
            _ = try EngineRegistry.makeEngine(named: "ours", inputs: inputs)
        }
    }

    @Test func theAgreementCheckIgnoresOnlyTheErrorCode() throws {
        let ours = try OrderedJSONParser.parse(
            Array(
                #"{"errors":[{"message":"m","extensions":{"code":"X"}},{"message":"n","extensions":{"code":"Y","k":1}}]}"#
                    .utf8))
        let expected = try OrderedJSONParser.parse(
            Array(#"{"errors":[{"message":"m"},{"message":"n","extensions":{"k":1}}]}"#.utf8))
        #expect(WorkloadAgreementTests.withoutErrorCodes(ours) == expected)
    }
}
