import Foundation
import TestNode
import Testing

@testable import GraphQLEngine

@Suite("Coercing literals to input types")
struct LiteralCoercionTests {
    static let sdl = """
        type Query { a: Int, id: ID, f: Float, b: Boolean }
        enum Color { RED GREEN }
        input Point { x: Int!, y: Int = 5, label: String, color: Color = RED }
        input Shape { points: [Point!]!, name: String }
        scalar JSON
        """

    /// (literal, type) pairs; variables are `$i: 3`, `$n: null`, `$s: "str"` and `$missing` unset.
    static let cases: [(literal: String, type: String)] = [
        ("1", "Int"), ("1", "Int!"), ("null", "Int"), ("null", "Int!"), ("1.5", "Int"), ("1", "Float"),
        ("\"a\"", "String"), ("RED", "Color"), ("BLUE", "Color"), ("\"RED\"", "Color"), ("[1, 2]", "[Int]"),
        ("1", "[Int]"), ("[1, null]", "[Int!]"), ("[[1], 2]", "[[Int]]"), ("{x: 1}", "Point"), ("{y: 2}", "Point"),
        ("{x: 1, y: null, color: GREEN}", "Point"), ("{x: 1, extra: 2}", "Point"), ("{points: {x: 1}}", "Shape"),
        ("{points: []}", "Shape!"), ("$i", "Int"), ("$n", "Int!"), ("$n", "Int"), ("$missing", "Int"),
        ("[$i, $missing]", "[Int]"), ("[$missing]", "[Int!]"), ("{x: $i, y: $missing}", "Point"),
        ("{x: $missing}", "Point"), ("{a: [1, \"two\", $s]}", "JSON"), ("$s", "ID"), ("3", "ID"),
        ("true", "Boolean"), ("[RED, GREEN]", "[Color!]!"), ("{x: 1}", "[Point]"),
    ]

    static let variables: [String: JSONValue] = ["i": 3, "n": .null, "s": "str"]

    @Test("literals coerce as graphql-js 16's valueFromAST coerces them")
    func matchesGraphQLJS() async throws {
        let schema = try buildSchema(sdl: Self.sdl)
        let reference = try await Self.reference()
        #expect(reference.count == Self.cases.count)
        for ((literal, type), expected) in zip(Self.cases, reference) {
            let value = schema.coerceLiteral(
                try Parser.parseValue(literal), to: TypeRef(try Parser.parseType(type)), variables: Self.variables)
            let ours = value.map(ScalarCoercionTests.json) ?? "undefined"
            #expect(ours == expected, "\(literal) as \(type)")
        }
    }

    @Test("defaults of input fields fill in and enum values map to internal values")
    func defaultsAndInternalValues() throws {
        let schema = try buildSchema(
            sdl: Self.sdl, options: SchemaBuildOptions(enumValues: ["Color": ["RED": "red", "GREEN": "green"]]))
        let value = schema.coerceLiteral(try Parser.parseValue("{x: 1}"), to: .named("Point"))
        #expect(value == ["x": 1, "y": 5, "color": "red"])
        #expect(schema.coerceLiteral(try Parser.parseValue("$v"), to: .named("Int")) == nil)
    }

    static func reference() async throws -> [String] {
        let cases =
            "["
            + Self.cases.map { "[\(JSONValue.jsonQuoted($0.literal)), \(JSONValue.jsonQuoted($0.type))]" }
            .joined(separator: ", ") + "]"
        let script = """
            const g = require('graphql');
            const schema = g.buildSchema(\(JSONValue.jsonQuoted(Self.sdl)));
            const variables = { i: 3, n: null, s: 'str' };
            const out = \(cases).map(([literal, type]) => {
              const value = g.valueFromAST(g.parseValue(literal), g.typeFromAST(schema, g.parseType(type)), variables);
              return value === undefined ? 'undefined' : JSON.stringify(value);
            });
            process.stdout.write(JSON.stringify(out));
            """
        let data = try await NodeProcess.script(script)
        return try JSONDecoder().decode([String].self, from: data)
    }
}
