import Foundation
import TestNode
import Testing

@testable import GraphQLEngine

@Suite("Coercing variable values to input types")
struct InputCoercionTests {
    static let sdl = """
        type Query { a: Int, id: ID, f: Float, b: Boolean, s: String }
        enum Color { RED GREEN }
        input Point { x: Int!, y: Int = 5, label: String, color: Color = RED }
        input Shape { points: [Point!]!, name: String, tags: [String] }
        """

    /// (value as JavaScript, value as ours, type)
    static let cases: [(javaScript: String, value: JSONValue, type: String)] = [
        ("1", 1, "Int"), ("null", .null, "Int"), ("null", .null, "Int!"), ("1.5", 1.5, "Int"), ("'x'", "x", "Int"),
        ("2147483648", .int(2_147_483_648), "Int"), ("'RED'", "RED", "Color"), ("'BLUE'", "BLUE", "Color!"),
        ("'REDD'", "REDD", "Color"), ("1", 1, "Color"), ("[1, 2]", [1, 2], "[Int]"), ("1", 1, "[Int]"),
        ("[1, null]", [1, .null], "[Int!]"), ("[1, 'a', 2.5]", [1, "a", 2.5], "[Int]!"),
        ("({x: 1})", ["x": 1], "Point"), ("({})", [:], "Point"),
        ("({x: 1, z: 2, lable: 'a'})", ["x": 1, "z": 2, "lable": "a"], "Point"),
        ("({x: null, y: null})", ["x": .null, "y": .null], "Point"), ("1", 1, "Point"),
        ("[({x: 1})]", [["x": 1]], "Point"),
        (
            "({points: [{x: 1}, {y: 2}, null], tags: 'one'})", ["points": [["x": 1], ["y": 2], .null], "tags": "one"],
            "Shape"
        ),
        ("({points: {x: 'no'}})", ["points": ["x": "no"]], "Shape!"), ("4", 4, "ID"), ("4.5", 4.5, "ID"),
        ("true", true, "Boolean"), ("'true'", "true", "Boolean"), ("3", 3, "Float"), ("[[1]]", [[1]], "[Int]"),
        ("'s'", "s", "String"), ("({a: 1})", ["a": 1], "String"),
    ]

    @Test("values coerce and fail as graphql-js 16's coerceInputValue makes them")
    func matchesGraphQLJS() async throws {
        let schema = try buildSchema(sdl: Self.sdl)
        let reference = try await Self.reference()
        #expect(reference.count == Self.cases.count)
        for (testCase, expected) in zip(Self.cases, reference) {
            let result = schema.coerceInputValue(testCase.value, to: TypeRef(try Parser.parseType(testCase.type)))
            var ours = result.errors.map { "\($0.printedPath)|\($0.invalidValue.inspected)|\($0.message)" }
            if let value = result.value { ours.append("ok:" + ScalarCoercionTests.json(value)) }
            #expect(ours == expected, "\(testCase.javaScript) as \(testCase.type)")
        }
    }

    @Test("errors read as the executor reports invalid variables")
    func variableMessages() throws {
        let schema = try buildSchema(sdl: Self.sdl)
        let result = schema.coerceInputValue(["points": [["y": 2]]], to: .named("Shape"))
        #expect(result.value == nil)
        #expect(
            result.errors.map { $0.variableMessage(variableName: "shape") } == [
                "Variable \"$shape\" got invalid value { y: 2 } at \"shape.points[0]\"; Field \"x\" of required type \"Int!\" was not provided."
            ])
        #expect(
            result.errors.first?.standaloneMessage
                == "Invalid value { y: 2 } at \"value.points[0]\": Field \"x\" of required type \"Int!\" was not provided."
        )
        let fine = schema.coerceInputValue(["points": [["x": 1]]], to: .named("Shape"))
        #expect(fine.errors.isEmpty)
        #expect(fine.value == ["points": [["x": 1, "y": 5, "color": "RED"]]])
    }

    static func reference() async throws -> [[String]] {
        let cases =
            "["
            + Self.cases.map { "[\($0.javaScript), \(JSONValue.jsonQuoted($0.type))]" }
            .joined(separator: ", ") + "]"
        let script = """
            const g = require('graphql');
            const { inspect } = require('graphql/jsutils/inspect');
            const { printPathArray } = require('graphql/jsutils/printPathArray');
            const schema = g.buildSchema(\(JSONValue.jsonQuoted(Self.sdl)));
            const out = \(cases).map(([value, type]) => {
              const errors = [];
              const coerced = g.coerceInputValue(value, g.typeFromAST(schema, g.parseType(type)),
                (path, invalid, error) => errors.push(printPathArray(path) + '|' + inspect(invalid) + '|' + error.message));
              if (errors.length === 0) errors.push('ok:' + JSON.stringify(coerced));
              return errors;
            });
            process.stdout.write(JSON.stringify(out));
            """
        let data = try await NodeProcess.script(script)
        return try JSONDecoder().decode([[String]].self, from: data)
    }
}
