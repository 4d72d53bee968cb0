import Foundation
import TestNode
import Testing

@testable import GraphQLEngine

@Suite("Built-in scalar coercion")
struct ScalarCoercionTests {
    /// Runtime values with the JavaScript expression graphql-js gets for each.
    static let values: [(value: JSONValue, javaScript: String)] = [
        (.int(1), "1"), (.int(-5), "-5"), (.int(0), "0"), (.double(1.5), "1.5"), (.double(-0.25), "-0.25"),
        (.double(3.0), "3.0"), (.int(2_147_483_647), "2147483647"), (.int(2_147_483_648), "2147483648"),
        (.int(-2_147_483_648), "-2147483648"), (.int(-2_147_483_649), "-2147483649"), (.double(1e21), "1e21"),
        (.double(1e-7), "1e-7"), (.double(.infinity), "Infinity"), (.double(-.infinity), "-Infinity"),
        (.double(.nan), "NaN"), (.string("abc"), "'abc'"), (.string(""), "''"), (.string("12"), "'12'"),
        (.string(" 12 "), "' 12 '"), (.string("1.5"), "'1.5'"), (.string("1e3"), "'1e3'"), (.string("0x10"), "'0x10'"),
        (.string("\"quoted\"\n"), "'\"quoted\"\\n'"), (.bool(true), "true"), (.bool(false), "false"), (.null, "null"),
        (.list([1, 2]), "[1, 2]"), (.list([]), "[]"), (["a": 1], "({a: 1})"), (.object([]), "({})"),
        (.list([.list([.list([.list([1])])])]), "[[[[1]]]]"),
        (.list(Array(repeating: 1, count: 12)), "Array(12).fill(1)"),
    ]

    /// Literals as written in a document.
    static let literals = [
        "1", "-0", "2147483647", "2147483648", "-2147483649", "1.5", "1e3", "\"abc\"", "\"\"", "\"12\"",
        "\"\"\"block\"\"\"", "true", "false", "null", "RED", "[1]", "{a: 1}", "$var", "123456789012345678901234567890",
    ]

    static let scalars = ["Int", "Float", "String", "Boolean", "ID"]

    @Test("Int coercion follows the spec, with graphql-js's messages")
    func intCoercion() throws {
        let int = IntCoercion()
        #expect(try int.parseValue(.int(7)) == .int(7))
        #expect(try int.parseValue(.double(7.0)) == .int(7))
        #expect(throws: CoercionError("Int cannot represent non-integer value: 1.5")) { try int.parseValue(1.5) }
        #expect(throws: CoercionError("Int cannot represent non 32-bit signed integer value: 2147483648")) {
            try int.parseValue(.int(2_147_483_648))
        }
        #expect(throws: CoercionError("Int cannot represent non-integer value: \"1\"")) { try int.parseValue("1") }
        #expect(try int.serialize(.bool(true)) == .int(1))
        #expect(try int.serialize("42") == .int(42))
        #expect(throws: CoercionError("Int cannot represent non-integer value: \"4x\"")) { try int.serialize("4x") }
        #expect(try int.parseLiteral(try Parser.parseConstValue("-12"), variables: [:]) == .int(-12))
        #expect(throws: CoercionError("Int cannot represent non-integer value: \"1\"")) {
            try int.parseLiteral(try Parser.parseConstValue("\"1\""), variables: [:])
        }
        #expect(throws: CoercionError("Int cannot represent non 32-bit signed integer value: 2147483648")) {
            try int.parseLiteral(try Parser.parseConstValue("2147483648"), variables: [:])
        }
    }

    @Test("String, Boolean, Float and ID reject what the spec rejects")
    func otherScalars() throws {
        #expect(throws: CoercionError("String cannot represent a non string value: 1")) {
            try StringCoercion().parseValue(1)
        }
        #expect(try StringCoercion().serialize(1.5) == "1.5")
        #expect(try StringCoercion().serialize(true) == "true")
        #expect(throws: CoercionError("String cannot represent value: [1]")) { try StringCoercion().serialize([1]) }
        #expect(throws: CoercionError("Boolean cannot represent a non boolean value: 0")) {
            try BooleanCoercion().parseValue(0)
        }
        #expect(try BooleanCoercion().serialize(0) == false)
        #expect(try FloatCoercion().parseValue(3) == .double(3))
        #expect(throws: CoercionError("Float cannot represent non numeric value: \"1.5\"")) {
            try FloatCoercion().parseValue("1.5")
        }
        #expect(try IDCoercion().parseValue(4) == "4")
        #expect(try IDCoercion().serialize(12) == "12")
        #expect(throws: CoercionError("ID cannot represent value: 1.5")) { try IDCoercion().parseValue(1.5) }
        #expect(throws: CoercionError("ID cannot represent a non-string and non-integer value: 1.5")) {
            try IDCoercion().parseLiteral(try Parser.parseConstValue("1.5"), variables: [:])
        }
    }

    @Test("values show in messages as graphql-js's inspect shows them")
    func inspected() {
        #expect(JSONValue.string("a\"b").inspected == "\"a\\\"b\"")
        #expect(JSONValue.double(1e21).inspected == "1e+21")
        #expect(JSONValue.double(1e-7).inspected == "1e-7")
        #expect(JSONValue.double(123.0).inspected == "123")
        #expect(JSONValue.double(0.000001).inspected == "0.000001")
        #expect(JSONValue.double(-1.5e300).inspected == "-1.5e+300")
        #expect((["a": [1, ["b": [[1]]]]] as JSONValue).inspected == "{ a: [1, [Object]] }")
        #expect(JSONValue.list([[[]]]).inspected == "[[[]]]")
        #expect(
            JSONValue.list(Array(repeating: 0, count: 11)).inspected
                == "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ... 1 more item]")
    }

    @Test("serialize, parseValue and parseLiteral agree with graphql-js 16 on every value and literal")
    func matchesGraphQLJS() async throws {
        let reference = try await Self.reference()
        var index = 0
        for scalarName in Self.scalars {
            let scalar = try #require(BuiltInScalars.scalar(named: scalarName))
            for (value, javaScript) in Self.values {
                let serialized = Self.outcome { try scalar.coercion.serialize(value) }
                #expect(serialized == reference[index], "\(scalarName).serialize(\(javaScript))")
                index += 1
                let parsed = Self.outcome { try scalar.coercion.parseValue(value) }
                #expect(parsed == reference[index], "\(scalarName).parseValue(\(javaScript))")
                index += 1
            }
            for literal in Self.literals {
                let parsed = Self.outcome {
                    try scalar.coercion.parseLiteral(try Parser.parseValue(literal), variables: [:])
                }
                #expect(parsed == reference[index], "\(scalarName).parseLiteral(\(literal))")
                index += 1
            }
        }
        #expect(index == reference.count)
    }

    // MARK: Comparison plumbing

    /// `ok:<JSON>` or `error:<message>`.
    static func outcome(_ body: () throws -> JSONValue) -> String {
        do {
            return "ok:" + json(try body())
        } catch let error as CoercionError {
            return "error:" + error.message
        } catch {
            return "error:\(error)"
        }
    }

    /// The value as JavaScript's `JSON.stringify` writes it.
    static func json(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? JSONValue.javaScriptNumberString(d) : "null"
        case .string(let s): return JSONValue.jsonQuoted(s)
        case .list(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .object(let entries):
            return "{" + entries.map { JSONValue.jsonQuoted($0.key) + ":" + json($0.value) }.joined(separator: ",")
                + "}"
        }
    }

    static func reference() async throws -> [String] {
        let values = "[" + Self.values.map(\.javaScript).joined(separator: ", ") + "]"
        let literals = "[" + Self.literals.map { JSONValue.jsonQuoted($0) }.joined(separator: ", ") + "]"
        let script = """
            const g = require('graphql');
            const values = \(values);
            const literals = \(literals);
            const run = (f) => { try { return 'ok:' + JSON.stringify(f()); } catch (e) { return 'error:' + e.message; } };
            const out = [];
            for (const name of \(Self.scalars)) {
              const scalar = g['GraphQL' + name];
              for (const v of values) {
                out.push(run(() => scalar.serialize(v)));
                out.push(run(() => scalar.parseValue(v)));
              }
              for (const l of literals) out.push(run(() => scalar.parseLiteral(g.parseValue(l))));
            }
            process.stdout.write(JSON.stringify(out));
            """
        let data = try await NodeProcess.script(script)
        return try JSONDecoder().decode([String].self, from: data)
    }
}
