import Foundation
import Testing

@testable import GraphQLEngine

/// Every stage a request goes through (parse, the nesting check through
/// fragments, limits with depth and cost, validation with every rule,
/// variable coercion, execution, the JSON answer, printing) run on
/// pathological documents on a thread with half the stack of a database
/// thread (512 KiB), in a debug build where frames are largest, the way the
/// gateway runs executions (a task preferring that thread's executor).
///
/// For each shape: past the nesting limit it is refused with
/// `MAX_NESTING_EXCEEDED` (or by another limit) whatever its size, and at the
/// limit it runs through every stage. The stack each run needed is measured
/// (the thread's stack is painted) and must stay under the thread's size with
/// room to spare for the resolvers and the database driver.
@Suite struct PipelineStackTests {
    static let stackBytes = 512 << 10
    /// What a run may use of `stackBytes`: the rest is left for what runs
    /// above the engine on a database thread.
    static let budgetBytes = 448 << 10
    static let limit = QueryLimits.maxSafeNesting

    static let sdl = """
        scalar JSON
        type Query {
          a: Query
          c: Query
          b: Int
          f(x: In, l: [Int]): Int
          echo(value: JSON): JSON
        }
        input In { x: In, l: [In] }
        """

    static let schema: ExecutableSchema = {
        let resolvers: ResolverMap = [
            "Query": [
                "a": .sync { _ in .json([:]) },
                "c": .sync { _ in .json([:]) },
                "b": .sync { _ in .json(1) },
                "f": .sync { _ in .json(1) },
                "echo": .sync { field in .json(field.arguments["value"] ?? .null) },
            ]
        ]
        // The SDL above is valid: a failure here is a broken fixture, not client data.
        guard let built = try? buildSchema(sdl: sdl),
            let executable = try? ExecutableSchema(schema: built, resolvers: resolvers)
        else { preconditionFailure("invalid fixture schema") }
        return executable
    }()

    /// The gateway's limits, with the policy limits that would refuse these
    /// shapes first (field depth, cost, tokens) lifted, so that the stack is
    /// bounded by the nesting limit alone.
    static let nestingOnly = QueryLimits(maxTokens: nil, maxDepth: nil, maxCost: nil, maxPageSize: nil)

    /// What one run through the pipeline gave.
    struct Run: Sendable {
        var codes: [String?]
        var json: String
        var peakStackBytes: Int
    }

    /// Parses, checks, validates (every rule), executes and writes the answer
    /// as the gateway's service does (no cache), then prints the document
    /// when it parses: all on the small stack.
    static func run(
        _ text: String, variables: [String: JSONValue] = [:], limits: QueryLimits = nestingOnly
    ) async -> Run {
        let service = GraphQLService(
            schema: schema, validator: { validate(schema: $0, document: $1, suggestions: $2) }, cache: nil,
            limits: limits)
        let options = ParseOptions(maxTokens: limits.maxTokens, maxDepth: limits.maxNesting ?? ParseOptions().maxDepth)
        let (result, peak) = await SmallStackExecutor.measure(stackBytes: stackBytes) {
            () -> (codes: [String?], json: String) in
            let response = await service.execute(GraphQLRequest(query: text, variables: variables))
            if let document = try? Parser.parse(text, options: options) {
                _ = Printer.print(document)
            }
            return (response.errors.map(\.code), response.jsonString())
        }
        #expect(peak < budgetBytes, "used \(peak) bytes of stack")
        return Run(codes: result.codes, json: result.json, peakStackBytes: peak)
    }

    // MARK: Shapes, by nesting level

    /// `query { ...F0 }`, each fragment spreading the next, the last selecting
    /// `__typename`: `links` + 1 levels through fragments, none in the text.
    static func chain(links: Int) -> String {
        var text = "query Q { ...F0 }\n"
        for index in 0..<links { text += "fragment F\(index) on Query { ...F\(index + 1) }\n" }
        return text + "fragment F\(links) on Query { __typename }\n"
    }

    /// `{ a { a { ... { b } } } }`: `levels` selection sets.
    static func nestedFields(_ levels: Int) -> String {
        String(repeating: "{ a ", count: levels - 1) + "{ b }" + String(repeating: " }", count: levels - 1)
    }

    /// `{ ... on Query { ... on Query { b } } }`: `levels` selection sets.
    static func nestedInlineFragments(_ levels: Int) -> String {
        "{ " + String(repeating: "... on Query { ", count: levels - 1) + "b" + String(repeating: " }", count: levels)
    }

    /// `[[[1]]]` with `levels` lists, or `{a: {a: 1}}` with `levels` objects.
    static func nestedList(_ levels: Int) -> String {
        String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels)
    }

    static func nestedObject(_ levels: Int, key: String = "x") -> String {
        String(repeating: "{\(key): ", count: levels) + "null" + String(repeating: "}", count: levels)
    }

    /// The same as JSON, for variables.
    static func nestedJSON(_ levels: Int, object: Bool) -> JSONValue {
        var value: JSONValue = object ? .null : 1
        for _ in 0..<levels { value = object ? .object([(key: "x", value: value)]) : .list([value]) }
        return value
    }

    // MARK: Chains of fragment spreads

    @Test func aLongChainOfFragmentSpreadsIsRefusedForItsNestingAndOneAtTheLimitRuns() async {
        for links in [1_200, 5_000] {
            let run = await Self.run(Self.chain(links: links))
            #expect(run.codes == ["MAX_NESTING_EXCEEDED"])
            #expect(run.json.contains("Fragment spread \\\"F0\\\" nests selection sets \(links + 2) deep"))
        }
        // The operation's set, then one level per fragment: every stage runs.
        let run = await Self.run(Self.chain(links: Self.limit - 2))
        #expect(run.codes.isEmpty)
        #expect(run.json == #"{"data":{"__typename":"Query"}}"#)
    }

    @Test func aChainOfSpreadsWithNestingInEveryFragmentCountsBoth() async {
        // Each link nests a field and an inline fragment before the next spread: three levels a link.
        func text(links: Int) -> String {
            var text = "query Q { ...F0 }\n"
            for index in 0..<links {
                text += "fragment F\(index) on Query { a { ... on Query { ...F\(index + 1) } } }\n"
            }
            return text + "fragment F\(links) on Query { b }\n"
        }
        let refused = await Self.run(text(links: 1_000))
        #expect(refused.codes == ["MAX_NESTING_EXCEEDED"])
        let links = (Self.limit - 2) / 3
        let run = await Self.run(text(links: links))
        #expect(run.codes.isEmpty)
        #expect(run.json.hasPrefix(#"{"data":{"a":{"a":"#))
    }

    @Test func aLongChainEndingInDeeplyNestedValuesIsRefused() async {
        var text = "query Q { ...F0 }\n"
        for index in 0..<2_000 { text += "fragment F\(index) on Query { ...F\(index + 1) }\n" }
        text += "fragment F2000 on Query { echo(value: \(Self.nestedList(60))) }\n"
        let run = await Self.run(text)
        #expect(run.codes == ["MAX_NESTING_EXCEEDED"])
    }

    // MARK: Nesting in the text

    @Test func deeplyNestedSelectionSetsAreRefusedAndRunAtTheLimit() async {
        let refused = await Self.run(Self.nestedFields(5_000))
        #expect(refused.codes == ["MAX_NESTING_EXCEEDED"])
        let run = await Self.run(Self.nestedFields(Self.limit))
        #expect(run.codes.isEmpty)
        #expect(run.json.hasPrefix(#"{"data":{"a":{"a":"#))
        #expect(run.json.contains(#"{"b":1}"#))
    }

    @Test func deeplyNestedInlineFragmentsAreRefusedAndRunAtTheLimit() async {
        let refused = await Self.run(Self.nestedInlineFragments(5_000))
        #expect(refused.codes == ["MAX_NESTING_EXCEEDED"])
        let run = await Self.run(Self.nestedInlineFragments(Self.limit))
        #expect(run.json == #"{"data":{"b":1}}"#)
    }

    @Test func deeplyNestedListAndObjectLiteralsAreRefusedAndRunAtTheLimit() async {
        // The selection set is one level, the argument's value the rest.
        for value in [Self.nestedList, { Self.nestedObject($0, key: "a") }] as [@Sendable (Int) -> String] {
            let refused = await Self.run("{ echo(value: \(value(5_000))) }")
            #expect(refused.codes == ["MAX_NESTING_EXCEEDED"])
            let run = await Self.run("{ echo(value: \(value(Self.limit - 1))) }")
            #expect(run.codes.isEmpty)
            #expect(run.json.hasPrefix(#"{"data":{"echo":"#))
        }
    }

    @Test func deeplyNestedValuesInDirectivesAndVariableDefaultsAreRefused() async {
        for text in [
            "{ b @skip(if: \(Self.nestedList(5_000))) }",
            "query Q($v: JSON = \(Self.nestedObject(5_000))) { echo(value: $v) }",
        ] {
            let refused = await Self.run(text)
            #expect(refused.codes == ["MAX_NESTING_EXCEEDED"])
        }
        let run = await Self.run("query Q($v: JSON = \(Self.nestedObject(Self.limit))) { echo(value: $v) }")
        #expect(run.json.hasPrefix(#"{"data":{"echo":"#))
    }

    @Test func aDeeplyNestedInputObjectLiteralIsCoercedAtTheLimit() async {
        let refused = await Self.run("{ f(x: \(Self.nestedObject(5_000))) }")
        #expect(refused.codes == ["MAX_NESTING_EXCEEDED"])
        let run = await Self.run("{ f(x: \(Self.nestedObject(Self.limit - 1))) }")
        #expect(run.json == #"{"data":{"f":1}}"#)
    }

    @Test func aDeeplyNestedListTypeIsRefusedAndRunsAtTheLimit() async {
        let type = { (levels: Int) in
            String(repeating: "[", count: levels) + "Int" + String(repeating: "]", count: levels)
        }
        let refused = await Self.run("query Q($v: \(type(5_000))) { b }")
        #expect(refused.codes == ["MAX_NESTING_EXCEEDED"])
        let run = await Self.run("query Q($v: \(type(Self.limit))) { b }")
        #expect(run.codes == ["GRAPHQL_VALIDATION_FAILED"])  // $v is unused
    }

    // MARK: Variables

    @Test func deeplyNestedVariablesAreRefusedBeforeCoercionAndCoercedAtTheLimit() async {
        for object in [false, true] {
            let text = "query Q($v: JSON) { echo(value: $v) }"
            let refused = await Self.run(text, variables: ["v": Self.nestedJSON(1_000, object: object)])
            #expect(refused.codes == ["MAX_NESTING_EXCEEDED"])
            let run = await Self.run(text, variables: ["v": Self.nestedJSON(Self.limit, object: object)])
            #expect(run.codes.isEmpty)
            #expect(run.json.hasPrefix(#"{"data":{"echo":"#))
        }
        let text = "query Q($v: In) { f(x: $v) }"
        let refused = await Self.run(text, variables: ["v": Self.nestedJSON(1_000, object: true)])
        #expect(refused.codes == ["MAX_NESTING_EXCEEDED"])
        let run = await Self.run(text, variables: ["v": Self.nestedJSON(Self.limit, object: true)])
        #expect(run.json == #"{"data":{"f":1}}"#)
    }

    // MARK: Fan-out

    @Test func fragmentsSpreadingTheNextOneSeveralTimesAreExpandedOnce() async {
        // Three spreads of the next fragment in each of 60 fragments: 3^60
        // paths if each spread were followed on its own, so a stage that did
        // would never finish. (No timing assertion: a loaded test run breaks those.)
        var text = "query Q { ...F0 }\n"
        for index in 0..<60 {
            let next = "...F\(index + 1)"
            text += "fragment F\(index) on Query { \(next) \(next) \(next) }\n"
        }
        text += "fragment F60 on Query { b }\n"
        let run = await Self.run(text)
        #expect(run.json == #"{"data":{"b":1}}"#)
    }

    @Test func fragmentsFannedOutThroughFieldsAreRefusedByTheirCost() async {
        // Each fragment selects the next under two fields: 2^25 fields to run,
        // which no stage but execution may expand. Under two fields of one
        // name, the field-merging check compares them through every level.
        for second in ["c", "a"] {
            var text = "query Q { ...F0 }\n"
            for index in 0..<25 {
                text += "fragment F\(index) on Query { a { ...F\(index + 1) } \(second) { ...F\(index + 1) } }\n"
            }
            text += "fragment F25 on Query { b }\n"
            let run = await Self.run(text, limits: QueryLimits(maxTokens: nil, maxDepth: nil))
            #expect(run.codes == ["MAX_COST_EXCEEDED"])
            // Without any limit, validation alone finishes too.
            let parsed = try? Parser.parse(text)
            #expect(parsed.map { validate(schema: Self.schema.schema, document: $0) }?.isEmpty == true)
        }
    }
}
