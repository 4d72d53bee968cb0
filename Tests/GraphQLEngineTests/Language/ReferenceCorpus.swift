import Foundation

/// Documents run through both our parser and graphql-js 16 by
/// `GraphQLJSComparisonTests`: valid ones must print identically, invalid ones
/// must fail with the same message at the same line and column.
enum ReferenceCorpus {
    /// Whole documents (`parse` + `print`).
    static let documents: [String] = [
        // Executable documents
        "{ a }",
        "query { a }",
        "query Q { a b c }",
        "{ a, b, , c }",
        "mutation M($input: CreateInput!) { create(input: $input) { id } }",
        "subscription S { event { id at } }",
        "query Q($a: Int = 1, $b: [String!]! = [\"x\"], $c: In = {a: 1, b: [true, null]}) { f(a: $a, b: $b, c: $c) }",
        "query Q($a: Int @deprecated(reason: \"x\") @other) @op(a: 1) { f }",
        "query ($a: Int) { f(a: $a) }",
        "{ alias: field(arg: 1) @include(if: true) @skip(if: false) { sub } }",
        "{ ...Frag ...on T { a } ... @include(if: $x) { b } ... { c } }",
        "fragment Frag on Type @dir { a ...Other }",
        "{ f(int: -0, neg: -12, float: 1.5e10, f2: -1.0E-3, f3: 0.0, s: \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\") }",
        "{ f(u: \"\\u0041\\u00e9\\u{1F600}\\uD83D\\uDE00\\u{0}\") }",
        "{ f(a: \"\"\"  block\n    string \"\"\", b: \"\"\"\n\n  x\n    y\n\n\"\"\") }",
        "{ f(a: \"\"\"contains \\\"\"\" escaped\"\"\") }",
        "{ f(e: ENUM_VALUE, n: null, t: true, f: false, l: [], o: {}) }",
        "{ f(o: {nested: {deeper: [1, [2, [3]]]}}) }",
        "# leading comment\n{ a # trailing\n # another\n b }",
        "\u{FEFF}{ a }",
        "{\r\n  a\r  b\n}",
        "{ veryLongFieldName(argumentNumberOne: \"some fairly long value\", argumentNumberTwo: 1234567, three: true) }",
        "{ f(s: \"caf\u{E9} \u{1F600} \u{7F} \u{85}\") }",
        "query on { on: on(on: on) }",
        "{ a } { b } query Named { c } fragment F on T { d }",
        "{ f(a: \"\"\"   leading spaces only\"\"\") }",
        "{ f(a: \"\"\"trailing quote\" \"\"\") }",
        "{ f(a: \"\"\"ends with quote\"\"\"\"\") }",
        "{ f(a: \"\"\"back\\slash\\\"\"\"\") }",
        "{ f(a: \"éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\") }",
        "{ f(a: \"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀\") }",
        "{ fieldName(argument: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") }",
        "{ fieldName(argument: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") }",
        "{ f(a: \"\"\"éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\"\"\") }",
        "{ f(a: \"\"\"ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\"\"\") }",
        "{ f(a: \"\"\"line one\n  line two with a very long text that goes on and on and on and on and on\"\"\") }",
        // Type-system documents
        "schema { query: Query mutation: Mutation subscription: Subscription }",
        "\"desc\" schema @dir { query: Q }",
        "scalar DateTime @specifiedBy(url: \"https://example.com\")",
        "type A implements B & C @d { f: Int a(x: Int = 1 @d, y: [In!]!): String! @deprecated }",
        "type A implements & B & C { f: Int }",
        "type Empty",
        "\"\"\"\nObject description\n\"\"\"\ntype A {\n  \"field desc\" f(\"arg desc\" a: Int): Int\n}",
        "interface I implements J & K @d { f: Int }",
        "union U @d = | A | B | C",
        "union U = A",
        "enum E @d { A \"described\" B @deprecated(reason: \"no\") C }",
        "input In @d { a: Int = 1 @d, b: [String!] = [\"x\"], c: In2 = {x: 1} }",
        "directive @d(a: Int = 1, b: String) repeatable on FIELD_DEFINITION | OBJECT | ARGUMENT_DEFINITION",
        "directive @e on | QUERY | MUTATION | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION | SCHEMA | SCALAR | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION",
        "\"\"\"dir\"\"\" directive @f(\"arg\" a: Int) on FIELD",
        "extend schema @d { query: Q }",
        "extend schema @d",
        "extend scalar S @d",
        "extend type A implements B @d { g: Int }",
        "extend type A @d",
        "extend interface I implements J { g: Int }",
        "extend union U @d = D | E",
        "extend enum E { D }",
        "extend input In { d: Int }",
        "type Q { f(a: Int = -1.5e3, b: E = VALUE, c: [Int] = [1 2 3], d: In = {a: null}): Int }",
        "type Long { field(argumentOne: String = \"a long default value\", argumentTwo: Int = 1234567890): String }",
        "type T { f(\"\"\"\n  multi\n  line\n\"\"\" a: Int, b: Int): Int }",
        "\"\"\"   indented first line\n  and more\"\"\" type T",
        "\"\"\"\n\n\"\"\" scalar Blank",
        "\"\"\"a very long description that goes on and on past seventy characters for sure yes\"\"\" scalar Long",
        "\"with \\\"quotes\\\" and \\n newline\" scalar S",
        // Errors: lexer
        "",
        "   # only a comment",
        "{ a ? }",
        "{ a(x: 'single') }",
        "{ a(x: 123abc) }",
        "{ a(x: 1.) }",
        "{ a(x: 1.e5) }",
        "{ a(x: 00) }",
        "{ a(x: -) }",
        "{ a(x: -a) }",
        "{ a(x: 1e) }",
        "{ a(x: 1e+) }",
        "{ a(x: 0x1) }",
        "{ a(x: 1.5.3) }",
        "{ a(x: \"unterminated) }",
        "{ a(x: \"line\nbreak\") }",
        "{ a(x: \"\"\"unterminated block) }",
        "{ a(x: \"bad \\x escape\") }",
        "{ a(x: \"\\u12\") }",
        "{ a(x: \"\\uXYZW\") }",
        "{ a(x: \"\\uD83D\") }",
        "{ a(x: \"\\uD83D\\u0041\") }",
        "{ a(x: \"\\uDE00\") }",
        "{ a(x: \"\\u{}\") }",
        "{ a(x: \"\\u{110000}\") }",
        "{ a(x: \"\\u{D800}\") }",
        "{ a(x: \"\\u{1F600\") }",
        "{ a(x: \"\\u{FFFFFFFFFF}\") }",
        "{ a(x: \"ctrl \u{7}\") }",
        "{ a . b }",
        "{ a .. b }",
        "{ a \u{E9} }",
        "{ a \u{1F600} }",
        "{ a \u{7} }",
        "\n\n  { a(x: \"\"\"\n  ok \"\"\" y: \"\u{E9}\u{E9} \\q\") }",
        // Errors: parser
        "{",
        "}",
        "{ }",
        "{ a(): Int }",
        "{ a(x) }",
        "{ a(x: ) }",
        "{ a(x: $) }",
        "query Q($a) { f }",
        "query Q($a: Int = $b) { f }",
        "query Q($a: [Int = 1) { f }",
        "query Q($a: Int!!) { f }",
        "{ ...on }",
        "fragment on on T { a }",
        "fragment F { a }",
        "fragment F on { a }",
        "notAKeyword { a }",
        "\"desc\" query { a }",
        "\"desc\" fragment F on T { a }",
        "\"desc\" extend type A @d",
        "extend { a }",
        "extend type A",
        "extend schema",
        "extend scalar S",
        "extend union U",
        "extend enum E",
        "extend input I",
        "extend interface I",
        "extend foo A",
        "schema { }",
        "schema { query Q }",
        "schema { notAnOperation: Q }",
        "type A { f }",
        "type A { f: }",
        "type A implements { f: Int }",
        "type A { f(a): Int }",
        "type A { f(a: Int = $v): Int }",
        "union U = ",
        "union U = A |",
        "enum E { true }",
        "enum E { null }",
        "enum E { \"desc\" false }",
        "enum E { }",
        "input I { a }",
        "directive @d on",
        "directive @d on FOO",
        "directive @d repeatable FIELD",
        "directive d on FIELD",
        "type A @d(a: $v) { f: Int }",
        "{ a(x: {b: $v}) }",
        "query Q($v: In = {a: $w}) { f }",
        "{ a } extra",
        "{ a }}",
        "query Q($a: Int) @d(x: $a) { f(x: [1, 2,, $a]) }",
    ]

    /// A query using every executable construct, in one document (the fuzzer's
    /// seed file, so the two never drift apart).
    static let kitchenSinkQuery = fuzzCorpusFile("kitchenSinkQuery.graphql")

    /// A schema using every type-system construct, in one document (the fuzzer's
    /// seed file).
    static let kitchenSinkSchema = fuzzCorpusFile("kitchenSinkSchema.graphql")

    /// A file of Fuzz/Corpus at the repository root, without its final newline;
    /// empty if missing, which `theKitchenSinksAreThereAndParse` reports.
    static func fuzzCorpusFile(_ name: String) -> String {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/\(name)")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// Every prefix and every one-character deletion of a text: a cheap way to
    /// reach almost every error path of the parser.
    static func mutations(of text: String) -> [String] {
        let characters = Array(text)
        var result: [String] = []
        for end in 0..<characters.count { result.append(String(characters[0..<end])) }
        for removed in characters.indices {
            var copy = characters
            copy.remove(at: removed)
            result.append(String(copy))
        }
        return result
    }

    /// Pseudo-random string and block-string literals (a fixed-seed generator, so
    /// the set is the same on every run) over an alphabet chosen to hit the
    /// block-string rules: quotes, backslashes, blank lines, indentation, tabs,
    /// carriage returns and non-ASCII text.
    static func randomStringLiterals(count: Int) -> [String] {
        let alphabet: [String] = [
            "a", "b", " ", "  ", "\t", "\n", "\n", "\r\n", "\r", "\"", "\"\"\"", "\\", "\\\"\"\"", "é", "😀",
            "\\n", "\\u0041", "\\u{1F600}", "#", "{", "\u{7}",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var result: [String] = []
        for index in 0..<count {
            var body = ""
            for _ in 0..<next(12) { body += alphabet[next(alphabet.count)] }
            result.append(index % 2 == 0 ? "\"\"\"" + body + "\"\"\"" : "\"" + body + "\"")
        }
        return result
    }

    /// Value literals (`parseValue` + `print`).
    static let values: [String] = [
        "1", "-1.5e-3", "\"str\"", "\"\"\"block\"\"\"", "true", "null", "ENUM", "$var",
        "[1, [2, $v], {a: b}]",
        "{a: {b: [null]}}", "[", "{a}", "1 2", "",
    ]

    /// Type references (`parseType` + `print`).
    static let types: [String] = [
        "Int", "Int!", "[Int]", "[[Int!]!]!", "[Int", "Int!!", "!", "[]", "",
    ]
}
