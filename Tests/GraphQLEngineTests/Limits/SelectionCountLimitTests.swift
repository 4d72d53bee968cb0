import GraphQLEngine
import Testing

@Suite struct AliasLimitTests {
    static func aliases(_ count: Int) -> String {
        "{ " + (0..<count).map { "a\($0): tags" }.joined(separator: " ") + " }"
    }

    @Test func aDocumentWithAsManyAliasesAsAllowedPasses() throws {
        #expect(try LimitFixtures.check(Self.aliases(30), LimitFixtures.only { $0.maxAliases = 30 }).isEmpty)
    }

    @Test func oneAliasMoreIsRefusedAtThatAlias() throws {
        let query = Self.aliases(31)
        let errors = try LimitFixtures.check(query, LimitFixtures.only { $0.maxAliases = 30 })
        #expect(errors.map(\.code) == ["MAX_ALIASES_EXCEEDED"])
        #expect(errors.first?.message == "The document has more than 30 aliases; at most 30 are allowed.")
        let before = "{ " + (0..<30).map { "a\($0): tags" }.joined(separator: " ") + " "
        #expect(errors.first?.locations == [SourceLocation(line: 1, column: before.count + 1)])
    }

    @Test func aliasesAreCountedAcrossOperationsAndFragments() throws {
        let query = "query A { x: tags } query B { rider { ...F } } fragment F on Rider { y: id z: name }"
        #expect(try LimitFixtures.check(query, LimitFixtures.only { $0.maxAliases = 3 }).isEmpty)
        #expect(
            try LimitFixtures.check(query, LimitFixtures.only { $0.maxAliases = 2 }).map(\.code) == [
                "MAX_ALIASES_EXCEEDED"
            ])
    }
}

@Suite struct DirectiveLimitTests {
    static func field(directives count: Int) -> String {
        "{ tags " + String(repeating: "@include(if: true) ", count: count) + "}"
    }

    @Test func aFieldWithAsManyDirectivesAsAllowedPasses() throws {
        #expect(
            try LimitFixtures.check(Self.field(directives: 5), LimitFixtures.only { $0.maxDirectivesPerField = 5 })
                .isEmpty)
    }

    @Test func oneDirectiveMoreIsRefusedAtTheField() throws {
        let errors = try LimitFixtures.check(
            Self.field(directives: 6), LimitFixtures.only { $0.maxDirectivesPerField = 5 })
        #expect(errors.map(\.code) == ["MAX_DIRECTIVES_EXCEEDED"])
        #expect(errors.first?.message == #"Field "tags" has 6 directives; at most 5 are allowed on one selection."#)
        #expect(errors.first?.locations == [SourceLocation(line: 1, column: 3)])
    }

    @Test func spreadsAndInlineFragmentsAreHeldToTheSameLimit() throws {
        let limits = LimitFixtures.only { $0.maxDirectivesPerField = 1 }
        let spread = "{ rider { ...F @skip(if: false) @include(if: true) } } fragment F on Rider { id }"
        #expect(
            try LimitFixtures.check(spread, limits).first?.message
                == #"Fragment spread "F" has 2 directives; at most 1 are allowed on one selection."#)
        let inline = "{ rider { ... @skip(if: false) @include(if: true) { id } } }"
        #expect(try LimitFixtures.check(inline, limits).map(\.code) == ["MAX_DIRECTIVES_EXCEEDED"])
    }

    @Test func theServiceRefusesBeforeValidationSoUnknownDirectivesDoNotMultiplyErrors() async throws {
        let service = try LimitFixtures.service(QueryLimits())
        let response = await service.execute(
            GraphQLRequest(query: "{ tags " + String(repeating: "@nope ", count: 500) + "}"))
        #expect(response.errors.map(\.code) == ["MAX_DIRECTIVES_EXCEEDED"])
        #expect(response.data == nil)
    }
}

@Suite struct TokenLimitTests {
    // `{ a0: tags ... }`: 2 braces and 3 tokens per alias.
    static func query(tokens: Int) -> String {
        "{ " + (0..<((tokens - 2) / 3)).map { "a\($0): tags" }.joined(separator: " ") + " }"
    }

    @Test func theServiceTakesItsTokenLimitFromQueryLimits() async throws {
        let limits = LimitFixtures.only { $0.maxTokens = 302 }
        let service = try LimitFixtures.service(limits)
        #expect(service.parseOptions.maxTokens == 302)
        let under = await service.execute(
            GraphQLRequest(query: Self.query(tokens: 302)), rootValue: ["tags": ["x"]] as JSONValue)
        #expect(under.errors.isEmpty)
        let over = await service.execute(GraphQLRequest(query: Self.query(tokens: 305)))
        #expect(over.errors.map(\.code) == ["MAX_TOKENS_EXCEEDED"])
        #expect(over.errors.first?.message == "Syntax Error: Document contains more that 302 tokens. Parsing aborted.")
    }
}
