import Testing

@testable import GraphQLEngine

/// JSON output compared with Node's `JSON.stringify`.
@Suite struct JSONWriterTests {
    static let doubles: [Double] = [
        0, -0.0, 1, -1, 1.5, 0.1, 0.2 + 0.1, 1.0 / 3, 2.0 / 3, 100, 1e20, 1e21, 1.5e21, 123_456_789_012_345_680_000,
        1e-6, 1e-7, 1.5e-7, 0.000001234, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 9_007_199_254_740_993,
        9_007_199_254_740_992, 4503599627370496.5, 1e15, 1e16, 123.456, -987654.321, 3.14159, 2_147_483_648,
        -2_147_483_649,
        0.5, 1e100, 1.2345678901234567e-100, 299_792_458, 6.02214076e23, 1e-5, 12345.678e10,
    ]

    @Test func doublesAreWrittenAsJavaScriptWritesThem() async throws {
        let ours = JSONValue.list(Self.doubles.map { .double($0) }).jsonString
        let theirs = try await NodeRunner.run(
            "const fs = require('fs'); process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1], 'utf8'))))",
            input: "[" + Self.doubles.map { "\($0)" }.joined(separator: ",") + "]")
        #expect(ours == theirs)
    }

    static let strings = [
        "plain", "quote \" and backslash \\", "tab\tnewline\nreturn\r", "\u{08}\u{0C}", "\u{00}\u{01}\u{1F}\u{7F}",
        "é ü ß 日本 🚲", "slash / stays", "\u{2028}\u{2029}", "mixed \u{1B}[0m end", "",
    ]

    @Test func stringsAreEscapedAsJSONStringifyEscapesThem() async throws {
        let ours = JSONValue.list(Self.strings.map { .string($0) }).jsonString
        // Node reads the strings from our output and writes them again.
        let theirs = try await NodeRunner.run(
            "const fs = require('fs'); process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1], 'utf8'))))",
            input: ours)
        #expect(ours == theirs)
        #expect(JSONValue.string("a\"b\\c\n\u{01}").jsonString == #""a\"b\\c\n\u0001""#)
    }

    /// The escaping as JSON.stringify does it, one scalar at a time (the
    /// engine's own `jsonQuoted`, used for messages), to check the writer's
    /// eight-bytes-at-a-time scan against.
    static func referenceEscaped(_ text: String) -> String { JSONValue.jsonQuoted(text) }

    @Test func anEscapeIsFoundAtEveryPositionOfLongStrings() {
        // Multi-byte characters too, so escapes sit next to bytes of 0x80 and above.
        let filler = Array(String(repeating: "abcdefghijklmnopqrstuvwxyzé日🚲0123456789", count: 3).unicodeScalars)
        for special in ["\"", "\\", "\n", "\u{01}", "\u{1F}"] {
            for length in [1, 7, 8, 9, 15, 16, 17, 40, 100] {
                for position in 0..<length {
                    var text = String(String.UnicodeScalarView(filler.prefix(length)))
                    let index = text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: position)
                    text.unicodeScalars.insert(contentsOf: special.unicodeScalars, at: index)
                    let written = JSONValue.string(text).jsonString
                    #expect(written == Self.referenceEscaped(text), "\(Array(text.utf8))")
                }
            }
        }
        let long = String(repeating: "ñame \"quoted\" \\ tab\t ", count: 50)
        let written = JSONValue.list([.string(long), .string("x")]).jsonString
        #expect(written == "[" + Self.referenceEscaped(long) + ",\"x\"]")
    }

    @Test func integersAndNestedValuesAreWrittenCompactly() {
        let value: JSONValue = [
            "a": [1, -20, .int(Int.max), .int(Int.min)], "b": ["c": .null, "d": true, "e": false], "f": [],
        ]
        #expect(
            value.jsonString
                == #"{"a":[1,-20,9223372036854775807,-9223372036854775808],"b":{"c":null,"d":true,"e":false},"f":[]}"#)
    }

    @Test func errorsComeBeforeDataAndEmptyPartsAreLeftOut() {
        let response = GraphQLResponse(errors: [
            GraphQLError(message: "m", locations: [SourceLocation(line: 2, column: 3)], path: [.key("a"), .index(0)]),
            GraphQLError(message: "n", extensions: [("code", "X"), ("retry", 2)]),
        ])
        #expect(
            response.jsonString()
                == #"{"errors":[{"message":"m","locations":[{"line":2,"column":3}],"path":["a",0]},{"message":"n","extensions":{"code":"X","retry":2}}]}"#
        )
    }
}

@Suite struct JSONParserTests {
    @Test func jsonTextIsReadIntoValuesWithIntsAndDoublesApart() throws {
        let value = try JSONValue(
            parsingJSON:
                #" {"a": [1, -2, 3.5, 1e2, 12345678901234567890], "b": "x\u00e9\ud83d\udeb2\n", "c": null, "d": true} "#
        )
        #expect(
            value == ["a": [1, -2, 3.5, 100.0, 12345678901234567890.0], "b": "xé🚲\n", "c": .null, "d": true])
    }

    @Test func malformedJSONIsRejectedWithAnOffset() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "01", "\"\u{01}\"", "tru", "1 2", "\"\\x\""] {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONValue(parsingJSON: text) }
        }
    }
}
