import GraphQLEngine
import Testing

@Suite struct DepthLimitTests {
    let limits = LimitFixtures.only { $0.maxDepth = 12 }

    @Test func aDocumentExactlyAtTheDepthLimitPasses() throws {
        #expect(try LimitFixtures.check(LimitFixtures.nested(depth: 12), limits).isEmpty)
    }

    @Test func oneLevelDeeperIsRefusedAtTheFirstFieldPastTheLimit() throws {
        let query = LimitFixtures.nested(depth: 13)
        let errors = try LimitFixtures.check(query, limits)
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.code == "MAX_DEPTH_EXCEEDED")
        #expect(error.message == #"Field "id" is nested 13 deep; the maximum depth is 12."#)
        // The 13th field is the innermost `id`, after `rider` and eleven `best`s.
        let before = "{ rider { " + String(repeating: "best { ", count: 11)
        #expect(error.locations == [SourceLocation(line: 1, column: before.count + 1)])
    }

    @Test func fragmentsCountAtTheDepthWhereTheyAreSpread() throws {
        let fragments = """
            fragment Inner on Rider { best { best { id } } }
            fragment Outer on Rider { best { best { ...Inner } } }
            """
        // rider(1) best(2) best(3) [Outer: best(4) best(5) [Inner: best(6) best(7) id(8)]]
        let query = "{ rider { best { best { ...Outer } } } }\n" + fragments
        #expect(try LimitFixtures.check(query, LimitFixtures.only { $0.maxDepth = 8 }).isEmpty)
        let errors = try LimitFixtures.check(query, LimitFixtures.only { $0.maxDepth = 7 })
        #expect(errors.map(\.code) == ["MAX_DEPTH_EXCEEDED"])
        // Located inside the fragment `Inner`, on line 2.
        #expect(errors.first?.locations.first?.line == 2)
        #expect(errors.first?.message == #"Field "id" is nested 8 deep; the maximum depth is 7."#)
    }

    @Test func inlineFragmentsAddNoLevelOfTheirOwn() throws {
        let query = "{ rider { ... on Rider { ... { best { id } } } } }"
        #expect(try LimitFixtures.check(query, LimitFixtures.only { $0.maxDepth = 3 }).isEmpty)
        #expect(
            try LimitFixtures.check(query, LimitFixtures.only { $0.maxDepth = 2 }).map(\.code) == ["MAX_DEPTH_EXCEEDED"]
        )
    }

    @Test func fragmentCyclesEndAndStillMeasureTheirDepth() throws {
        let query = """
            { rider { ...A } }
            fragment A on Rider { best { ...B } }
            fragment B on Rider { best { best { ...A } } }
            """
        // rider(1) A: best(2) B: best(3) best(4), then A again counts 0.
        #expect(try LimitFixtures.check(query, LimitFixtures.only { $0.maxDepth = 4 }).isEmpty)
        #expect(
            try LimitFixtures.check(query, LimitFixtures.only { $0.maxDepth = 3 }).map(\.code) == ["MAX_DEPTH_EXCEEDED"]
        )
        let selfCycle = "{ rider { ...S } } fragment S on Rider { ...S best { ...S } }"
        #expect(try LimitFixtures.check(selfCycle, limits).isEmpty)
    }

    @Test func manySpreadsOfNestedFragmentsAreMeasuredQuickly() throws {
        // Each fragment spreads the next twice: 2^40 paths if expanded naively.
        var text = "{ rider { ...F0 } }\n"
        for index in 0..<40 {
            text += "fragment F\(index) on Rider { best { ...F\(index + 1) } friends { ...F\(index + 1) } }\n"
        }
        text += "fragment F40 on Rider { id }\n"
        let errors = try LimitFixtures.check(text, limits)
        #expect(errors.map(\.code) == ["MAX_DEPTH_EXCEEDED"])
        #expect(errors.first?.message == #"Field "best" is nested 13 deep; the maximum depth is 12."#)
    }

    @Test func everyOperationOfTheDocumentIsHeldToTheLimit() throws {
        let query = "query Shallow { tags } query Deep " + LimitFixtures.nested(depth: 13)
        #expect(try LimitFixtures.check(query, limits, operationName: "Shallow").map(\.code) == ["MAX_DEPTH_EXCEEDED"])
    }
}

@Suite struct IntrospectionDepthTests {
    let limits = LimitFixtures.only { $0.maxDepth = 4 }

    @Test func ofTypeAddsNoLevelInsideIntrospection() throws {
        let query = #"{ __type(name: "Rider") { fields { type { ofType { ofType { ofType { name } } } } } } }"#
        // __type(1) fields(2) type(3) name(4): the ofTypes do not count.
        #expect(try LimitFixtures.check(query, limits).isEmpty)
        let deeper = #"{ __type(name: "Rider") { fields { type { fields { name } } } } }"#
        #expect(
            try LimitFixtures.check(deeper, limits).map(\.message) == [
                #"Field "name" is nested 5 deep; the maximum depth is 4."#
            ])
    }

    @Test func ofTypeOutsideIntrospectionCountsLikeAnyField() throws {
        let query = "{ rider { ofType { best { id } } } }"
        #expect(try LimitFixtures.check(query, limits).isEmpty)
        #expect(
            try LimitFixtures.check(query, LimitFixtures.only { $0.maxDepth = 3 }).map(\.code) == ["MAX_DEPTH_EXCEEDED"]
        )
    }
}

@Suite struct LongFragmentChainTests {
    /// Fragments that spread one another 1 800 deep (8 tokens each: about as
    /// many as the default token limit allows), as the server would run them:
    /// refused for their nesting before any other check.
    @Test func aLongChainOfFragmentsIsRefusedForItsNesting() async throws {
        var text = "{ rider { ...F0 } }\n"
        for index in 0..<1_800 { text += "fragment F\(index) on Rider { ...F\(index + 1) }\n" }
        text += "fragment F1800 on Rider { id }\n"
        let service = try LimitFixtures.service(QueryLimits.production)
        let response = await Task.detached { await service.execute(GraphQLRequest(query: text)) }.value
        #expect(response.errors.map(\.code) == ["MAX_NESTING_EXCEEDED"])
        #expect(response.tree == nil)
    }

    /// With the nesting cap lifted, the depth and cost checks follow such a
    /// chain without recursion, on a thread with a small stack.
    @Test func theDepthAndCostChecksFollowALongChainWithoutRecursion() async throws {
        var text = "{ rider { ...F0 } }\n"
        for index in 0..<5_000 { text += "fragment F\(index) on Rider { ...F\(index + 1) }\n" }
        text += "fragment F5000 on Rider { id best { best { id } } }\n"
        let document = try Parser.parse(Source(text), options: ParseOptions(maxTokens: nil, maxDepth: 100_000))
        let schema = try LimitFixtures.schema()
        let (errors, _) = await SmallStackExecutor.measure(stackBytes: 256 << 10) {
            QueryLimits(maxDepth: 3).check(document, schema: schema)
        }
        #expect(errors.map(\.code) == ["MAX_DEPTH_EXCEEDED"])
        #expect(errors.first?.message.hasPrefix("Field \"id\" is nested 4 deep") == true)
        let (cost, _) = await SmallStackExecutor.measure(stackBytes: 256 << 10) {
            QueryLimits.none.estimatedCost(of: document, schema: schema)
        }
        #expect(cost == 5)
    }
}
