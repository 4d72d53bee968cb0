import Testing

@testable import GraphQLEngine

@Suite struct NoFragmentCyclesRuleTests {
    let rules = ["NoFragmentCyclesRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "fragment A on Query { ...B } fragment B on Query { count }",
                "fragment A on Query { ...B ...B } fragment B on Query { count }",
                "fragment A on Query { ...A }",
                "fragment A on Query { rider { ...R } } fragment R on Rider { partner { ...R } }",
                "fragment A on Query { ...B } fragment B on Query { ...A }",
                "fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A }",
                "fragment A on Query { ...B ...C } fragment B on Query { ...A } fragment C on Query { ...A }",
                "fragment A on Query { ...B } fragment B on Query { ...C ...D } fragment C on Query { ...A } fragment D on Query { ...B }",
                "fragment A on Query { ... on Query { ...A } }",
                "fragment A on Query { ...Missing ...B } fragment B on Query { ...A }",
                "fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...B ...A }",
                "fragment X on Query { ...Y } fragment Y on Query { ...Z } fragment Z on Query { ...Y ...X } fragment W on Query { ...X ...W }",
                "{ ...A } fragment A on Query { count }",
            ])
    }

    @Test func namesTheFragmentsTheCyclePassesThrough() throws {
        try ValidationHarness.expectErrors(
            rules: rules,
            document: "fragment A on Query { ...B }\nfragment B on Query { ...C }\nfragment C on Query { ...A }",
            [("Cannot spread fragment \"A\" within itself via \"B\", \"C\".", [[1, 23], [2, 23], [3, 23]])])
        try ValidationHarness.expectErrors(
            rules: rules, document: "fragment Self on Query { ...Self }",
            [("Cannot spread fragment \"Self\" within itself.", [[1, 26]])])
    }

    @Test func aLongChainOfFragmentsIsSearchedWithoutRecursion() throws {
        // 5,000 fragments in a chain closing on the first: one cycle, found
        // without a deep call stack.
        let count = 5_000
        var text = ""
        for index in 0..<count {
            text += "fragment F\(index) on Query { ...F\((index + 1) % count) }\n"
        }
        let schema = try ValidationHarness.testSchema.get()
        // The parser's nesting cap would refuse the chain; lifted, to show the rule needs no cap.
        let document = try Parser.parse(Source(text), options: ParseOptions(maxTokens: nil, maxDepth: 100_000))
        let errors = validate(
            schema: schema, document: document, rules: [NoFragmentCyclesRule.self])
        #expect(errors.count == 1)
        #expect(errors.first?.locations.count == count)
        #expect(
            errors.first?.message.hasPrefix("Cannot spread fragment \"F0\" within itself via \"F1\", \"F2\"") == true)
    }
}
