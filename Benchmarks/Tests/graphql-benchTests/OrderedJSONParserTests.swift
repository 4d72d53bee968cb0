import GraphQL
import Testing

@testable import graphql_bench

@Suite struct OrderedJSONParserTests {
    private func parse(_ text: String) throws -> Map {
        try OrderedJSONParser.parse(Array(text.utf8))
    }

    @Test func objectMembersKeepTheirOrder() throws {
        guard case .dictionary(let members) = try parse(#"{"z": 1, "a": 2, "m": {"y": 0, "b": 0}}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(Array(members.keys) == ["z", "a", "m"])
        guard case .dictionary(let inner)? = members["m"] else {
            Issue.record("no inner object")
            return
        }
        #expect(Array(inner.keys) == ["y", "b"])
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        #expect(try parse(#""q\"b\\s\/n\nt\tu\u00e9\ud83d\ude00""#) == .string("q\"b\\s/n\nt\tué😀"))
    }

    @Test func integersAndFloatsStayApart() throws {
        #expect(
            try parse("[1, -2, 2.5, 1e3, true, false, null]") == [
                .int(1), .int(-2), .double(2.5), .double(1000), true, false, .null,
            ])
    }

    @Test func malformedTextIsRejected() {
        #expect(throws: OrderedJSONParser.SyntaxError.self) { try parse(#"{"a": tru}"#) }
        #expect(throws: OrderedJSONParser.SyntaxError.self) { try parse(#"{"a": 1,}"#) }
        #expect(throws: OrderedJSONParser.SyntaxError.self) { try parse(#"[1] 2"#) }
        #expect(throws: OrderedJSONParser.SyntaxError.self) { try parse(#""open"#) }
    }
}
