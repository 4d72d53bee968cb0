import Testing

@testable import GraphQLEngine

@Suite struct PrinterTests {
    func printed(_ text: String) throws -> String { Printer.print(try Parser.parse(text)) }

    @Test func aQueryIsPrintedInCanonicalLayout() throws {
        let text =
            "query Q($a:Int=1,$b:[String!]!@d){alias:f(a:$a,b:{x:[1,2]})@skip(if:true){...F ... on T{g}}}"
        #expect(
            try printed(text) == """
                query Q($a: Int = 1, $b: [String!]! @d) {
                  alias: f(a: $a, b: {x: [1, 2]}) @skip(if: true) {
                    ...F
                    ... on T {
                      g
                    }
                  }
                }
                """)
    }

    @Test func anAnonymousQueryWithoutVariablesOrDirectivesUsesTheShorthand() throws {
        #expect(try printed("query { a }") == "{\n  a\n}")
        #expect(try printed("query ($v: Int) { a }") == "query ($v: Int) {\n  a\n}")
        #expect(try printed("query @d { a }") == "query @d {\n  a\n}")
    }

    @Test func longArgumentListsAreWrappedOnePerLine() throws {
        let text =
            "{ f(first: \"aaaaaaaaaaaaaaaaaaaa\", second: \"bbbbbbbbbbbbbbbbbbbb\", third: \"cccccccccc\") }"
        #expect(
            try printed(text) == """
                {
                  f(
                    first: "aaaaaaaaaaaaaaaaaaaa"
                    second: "bbbbbbbbbbbbbbbbbbbb"
                    third: "cccccccccc"
                  )
                }
                """)
    }

    @Test func stringsAreEscapedAsGraphQLJSEscapesThem() {
        #expect(
            Printer.quoted("a\"b\\c\n\t\u{0}\u{1F}\u{7F}\u{9F}é😀/")
                == #""a\"b\\c\n\t\u0000\u001F\u007F\u009Fé😀/""#)
    }

    @Test func blockStringsArePrintedAsGraphQLJSPrintsThem() {
        #expect(BlockString.print("short") == "\"\"\"short\"\"\"")
        #expect(BlockString.print("two\nlines") == "\"\"\"\ntwo\nlines\n\"\"\"")
        #expect(BlockString.print("  indented") == "\"\"\"  indented\"\"\"")
        #expect(BlockString.print("ends with \"") == "\"\"\"\nends with \"\n\"\"\"")
        #expect(BlockString.print("has \"\"\" inside") == "\"\"\"has \\\"\"\" inside\"\"\"")
        #expect(BlockString.print("first\n  indented rest") == "\"\"\"\nfirst\n  indented rest\n\"\"\"")
        #expect(
            BlockString.print(String(repeating: "x", count: 71)) == "\"\"\"\n"
                + String(repeating: "x", count: 71) + "\n\"\"\"")
    }

    @Test func descriptionsAndArgumentDescriptionsGoOnTheirOwnLines() throws {
        let text = "\"type\" type T { \"field\" f(\"arg\" a: Int, b: Int = 2 @d): Int @deprecated }"
        #expect(
            try printed(text) == """
                "type"
                type T {
                  "field"
                  f(
                    "arg"
                    a: Int
                    b: Int = 2 @d
                  ): Int @deprecated
                }
                """)
    }

    @Test func typeSystemDefinitionsArePrintedCanonically() throws {
        let text = """
            schema{query:Q} scalar S@d type O implements&I&J{f:Int} union U=|A|B
            enum E{A B} input In{a:Int=1} directive@d(a:Int)repeatable on|FIELD|OBJECT
            extend type O@d extend union U=C
            """
        #expect(
            try printed(text) == """
                schema {
                  query: Q
                }

                scalar S @d

                type O implements I & J {
                  f: Int
                }

                union U = A | B

                enum E {
                  A
                  B
                }

                input In {
                  a: Int = 1
                }

                directive @d(a: Int) repeatable on FIELD | OBJECT

                extend type O @d

                extend union U = C
                """)
    }

    @Test func printingThenParsingGivesTheSameTree() throws {
        let text = """
            query Q($v: [In!] = [{a: "\\u00e9", b: \"\"\"  x\n y\"\"\"}]) { f(a: $v) @include(if: true) { ...F } }
            fragment F on T { g(h: -1.5E3, i: ENUM, j: null) }
            """
        let first = try Parser.parse(text)
        let second = try Parser.parse(Printer.print(first))
        #expect(Printer.print(second) == Printer.print(first))
        // Same structure apart from locations: compare the printed value of every definition.
        #expect(first.definitions.map(Printer.print) == second.definitions.map(Printer.print))
    }
}
