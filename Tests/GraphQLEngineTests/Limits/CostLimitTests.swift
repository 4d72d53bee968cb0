import GraphQLEngine
import Testing

@Suite struct CostEstimateTests {
    @Test func aConnectionsPageSizeMultipliesItsEdgesButNotItsPageInfo() throws {
        // edges: 1 + 10 × (node: 1 + (id + name)) = 31; pageInfo: 2; riders: 1 + 33.
        let query = "{ riders(first: 10) { edges { node { id name } } pageInfo { hasNextPage } } }"
        #expect(try LimitFixtures.cost(query) == 34)
    }

    @Test func listSizesMultiplyThroughTheNesting() throws {
        // friends: 1 + 10 × 1; nearby: 1 + 10 × 11.
        #expect(try LimitFixtures.cost("{ nearby(first: 10) { friends(limit: 10) { id } } }") == 111)
    }

    @Test func absentSizesComeFromTheSchemaDefaultElseTheDefaultListSize() throws {
        // nearby defaults to 20 in the schema; history has no size: defaultListSize (10, then 3).
        #expect(try LimitFixtures.cost("{ nearby { history { at } } }") == 1 + 20 * (1 + 10 * 1))
        var limits = QueryLimits()
        limits.defaultListSize = 3
        #expect(try LimitFixtures.cost("{ nearby { history { at } } }", limits) == 1 + 20 * (1 + 3 * 1))
    }

    @Test func sizesFromVariablesUseTheRequestThenTheOperationDefaultThenTheSchemaDefault() throws {
        let query = "query Q($n: Int) { riders(first: $n) { edges { node { id } } } }"
        // riders: 1 + (edges: 1 + n × (node: 1 + 1)).
        #expect(try LimitFixtures.cost(query, variables: ["n": 50]) == 1 + 1 + 50 * 2)
        #expect(try LimitFixtures.cost(query) == 1 + 1 + 20 * 2)
        let withDefault = "query Q($n: Int = 5) { riders(first: $n) { edges { node { id } } } }"
        #expect(try LimitFixtures.cost(withDefault) == 1 + 1 + 5 * 2)
        #expect(try LimitFixtures.cost(withDefault, variables: ["n": 7]) == 1 + 1 + 7 * 2)
    }

    @Test func fragmentsAreCostedWhereTheyAreSpread() throws {
        let query = """
            { riders(first: 4) { ...Page } }
            fragment Page on RiderConnection { edges { node { ...R } } }
            fragment R on Rider { id friends(limit: 3) { id } }
            """
        // R: 1 + (1 + 3) = 5; node: 1 + 5; edges: 1 + 4 × 6; riders: 1 + 25.
        #expect(try LimitFixtures.cost(query) == 26)
    }

    @Test func fragmentsSpreadExponentiallyOftenAreCostedInLinearTimeAndSaturate() throws {
        var text = "{ rider { ...F0 } }\n"
        for index in 0..<80 {
            text +=
                "fragment F\(index) on Rider { friends(limit: 100) { ...F\(index + 1) } best { ...F\(index + 1) } }\n"
        }
        text += "fragment F80 on Rider { id }\n"
        #expect(try LimitFixtures.cost(text) == Int.max)
        let errors = try LimitFixtures.check(text, LimitFixtures.only { $0.maxCost = 1_000_000 })
        #expect(errors.map(\.code) == ["MAX_COST_EXCEEDED"])
        #expect(
            errors.first?.message
                == "The operation has an estimated cost of too high to count, above the maximum of 1000000.")
    }
}

@Suite struct CostLimitTests {
    let query = "query Riders { riders(first: 10) { edges { node { id name } } pageInfo { hasNextPage } } }"

    @Test func anOperationAtTheMaximumCostPasses() throws {
        #expect(try LimitFixtures.check(query, LimitFixtures.only { $0.maxCost = 34 }).isEmpty)
    }

    @Test func anOperationOneAboveTheMaximumIsRefusedAtTheOperation() throws {
        let errors = try LimitFixtures.check(query, LimitFixtures.only { $0.maxCost = 33 })
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.code == "MAX_COST_EXCEEDED")
        #expect(error.message == #"Operation "Riders" has an estimated cost of 34, above the maximum of 33."#)
        #expect(error.locations == [SourceLocation(line: 1, column: 1)])
        #expect(error.extensions.map(\.key) == ["code", "cost", "maxCost"])
    }

    @Test func aCostSetByVariablesIsCheckedPerRequestOverTheCachedDocument() async throws {
        let limits = LimitFixtures.only { $0.maxCost = 1 + 1 + 40 * 2 }
        let service = try LimitFixtures.service(limits)
        let text = "query Q($n: Int) { riders(first: $n) { edges { node { id } } } }"
        let under = await service.execute(
            GraphQLRequest(query: text, variables: ["n": 40]), rootValue: JSONValue.object([]))
        #expect(under.errors.isEmpty)
        let over = await service.execute(
            GraphQLRequest(query: text, variables: ["n": 41]), rootValue: JSONValue.object([]))
        #expect(over.errors.map(\.code) == ["MAX_COST_EXCEEDED"])
        #expect(over.data == nil)
        // Absent: the schema's default of 20.
        let absent = await service.execute(GraphQLRequest(query: text), rootValue: JSONValue.object([]))
        #expect(absent.errors.isEmpty)
        #expect(service.cache?.count == 1)
        #expect(service.cache?.hits == 2)
    }

    @Test func onlyTheOperationTheRequestNamesIsCostedPerRequest() async throws {
        let limits = LimitFixtures.only { $0.maxCost = 50 }
        let service = try LimitFixtures.service(limits)
        let text = """
            query Small($n: Int) { nearby(first: $n) { id } }
            query Big($m: Int) { riders(first: $m) { edges { node { id } } } }
            """
        let small = await service.execute(
            GraphQLRequest(query: text, variables: ["n": 5, "m": 100], operationName: "Small"),
            rootValue: JSONValue.object([]))
        #expect(small.errors.isEmpty)
        let big = await service.execute(
            GraphQLRequest(query: text, variables: ["n": 5, "m": 100], operationName: "Big"),
            rootValue: JSONValue.object([]))
        #expect(
            big.errors.map(\.message) == [#"Operation "Big" has an estimated cost of 202, above the maximum of 50."#])
    }

    @Test func theDefaultsLetARealisticNestedQueryThrough() throws {
        // Fifty riders with their friends' names and histories: well under the default.
        let query = """
            { riders(first: 50) { edges { cursor node { id name history { at } friends(limit: 10) { name } } }
              pageInfo { hasNextPage endCursor } totalCount } }
            """
        #expect(try LimitFixtures.check(query, QueryLimits()).isEmpty)
        let cost = try #require(try LimitFixtures.cost(query))
        #expect(cost < QueryLimits().maxCost!)
    }
}

@Suite struct PageSizeLimitTests {
    let limits = LimitFixtures.only { $0.maxPageSize = 100 }

    @Test func aLiteralPageSizeAtTheMaximumPasses() throws {
        #expect(try LimitFixtures.check("{ nearby(first: 100) { id } }", limits).isEmpty)
        #expect(try LimitFixtures.check("{ rider { friends(limit: 100) { id } } }", limits).isEmpty)
    }

    @Test func aLiteralPageSizeAboveTheMaximumIsRefusedAtTheArgument() throws {
        let errors = try LimitFixtures.check("{ nearby(first: 101) { id } }", limits)
        #expect(errors.map(\.code) == ["PAGE_SIZE_EXCEEDED"])
        #expect(errors.first?.message == #"Argument "first" of field "nearby" is 101; a page holds at most 100 items."#)
        #expect(errors.first?.locations == [SourceLocation(line: 1, column: 10)])
        #expect(
            try LimitFixtures.check("{ rider { friends(limit: 101) { id } } }", limits).map(\.code) == [
                "PAGE_SIZE_EXCEEDED"
            ])
    }

    @Test func aPageSizeFromAVariableIsCheckedPerRequest() async throws {
        let service = try LimitFixtures.service(limits)
        let text = "query Q($n: Int) {\n  nearby(first: $n) { id }\n}"
        let under = await service.execute(
            GraphQLRequest(query: text, variables: ["n": 100]), rootValue: JSONValue.object([]))
        #expect(under.errors.isEmpty)
        let over = await service.execute(
            GraphQLRequest(query: text, variables: ["n": 101]), rootValue: JSONValue.object([]))
        #expect(over.errors.map(\.code) == ["PAGE_SIZE_EXCEEDED"])
        #expect(
            over.errors.first?.message
                == #"Variable "$n" is 101 where it sets argument "first" of field "nearby"; a page holds at most 100 items."#
        )
        #expect(over.errors.first?.locations == [SourceLocation(line: 2, column: 10)])
    }

    @Test func aPageSizeSentAsAWholeNumberFloatIsCheckedLikeAnInt() async throws {
        // `Int` input coercion accepts 101.0 as 101, so the limit must too.
        let service = try LimitFixtures.service(limits)
        let text = "query Q($n: Int) { nearby(first: $n) { id } }"
        let over = await service.execute(GraphQLRequest(query: text, variables: ["n": 101.0]))
        #expect(over.errors.map(\.code) == ["PAGE_SIZE_EXCEEDED"])
        let under = await service.execute(
            GraphQLRequest(query: text, variables: ["n": 100.0]), rootValue: JSONValue.object([]))
        #expect(under.errors.isEmpty)
        #expect(try LimitFixtures.cost(text, variables: ["n": 7.0]) == 1 + 7 * 1)
    }

    @Test func aVariablesDefaultAboveTheMaximumIsRefusedWithTheDocument() throws {
        let errors = try LimitFixtures.check("query Q($n: Int = 101) { nearby(first: $n) { id } }", limits)
        #expect(errors.map(\.code) == ["PAGE_SIZE_EXCEEDED"])
        #expect(try LimitFixtures.check("query Q($n: Int = 100) { nearby(first: $n) { id } }", limits).isEmpty)
    }
}

@Suite struct CostWeightTests {
    static let sdl = """
        directive @cost(weight: Int!) on FIELD_DEFINITION
        type Driver { id: ID!, name: String }
        type DriverConnection { edges: [Driver!]!, total: Int! @cost(weight: 1000) }
        type Query {
          nearby(first: Int = 20): [Driver!]! @cost(weight: 5000)
          drivers(first: Int = 20): DriverConnection
        }
        """

    static func cost(_ query: String) throws -> Int? {
        let schema = try buildSchema(sdl: sdl)
        return QueryLimits().estimatedCost(of: try Parser.parse(query), schema: schema, variables: [:])
    }

    @Test func aFieldsCostWeightReplacesItsOneAndIsMultipliedByTheListsAboveIt() throws {
        // nearby: 5000 + 20 × (id: 1).
        #expect(try Self.cost("{ nearby { id } }") == 5000 + 20)
        // drivers: 1 + (total: 1000).
        #expect(try Self.cost("{ drivers { total } }") == 1 + 1000)
    }

    @Test func thirtyAliasesOfAFieldThatReadsThousandsOfDocumentsAreRefused() throws {
        let schema = try buildSchema(sdl: Self.sdl)
        let query = "{ " + (0..<30).map { "n\($0): nearby(first: 1) { id }" }.joined(separator: " ") + " }"
        let errors = QueryLimits().check(try Parser.parse(query), schema: schema, variables: [:])
        #expect(errors.map(\.code) == ["MAX_COST_EXCEEDED"])
    }
}

@Suite struct PreparedOperationCostTests {
    func prepared(_ query: String, _ limits: QueryLimits, operationName: String? = nil) async throws
        -> PreparedOperation
    {
        let service = try LimitFixtures.service(limits)
        guard
            case .ready(let operation) = await service.prepare(
                GraphQLRequest(query: query, operationName: operationName))
        else {
            Issue.record("\(query) was refused")
            throw CancellationError()
        }
        return operation
    }

    @Test func aPreparedOperationEstimatesItsCostWithTheRequestsVariablesAsTheLimitDoes() async throws {
        let query = "query Q($n: Int) { riders(first: $n) { edges { node { id } } } }"
        let operation = try await prepared(query, QueryLimits())
        for (variables, expected): ([String: JSONValue], Int) in [([:], 1 + 1 + 20 * 2), (["n": 50], 1 + 1 + 50 * 2)] {
            #expect(operation.estimatedCost(variables: variables) == expected)
            #expect(try LimitFixtures.cost(query, variables: variables) == expected)
        }
    }

    @Test func eachOperationOfADocumentHasItsOwnEstimateEvenWhenEverySizeIsFixed() async throws {
        let document = "query A { riders(first: 10) { edges { node { id name } } } } query B { rider { id } }"
        #expect(try await prepared(document, QueryLimits(), operationName: "A").estimatedCost(variables: [:]) == 32)
        #expect(try await prepared(document, QueryLimits(), operationName: "B").estimatedCost(variables: [:]) == 2)
    }

    @Test func withoutACostOrPageSizeLimitNothingIsEstimated() async throws {
        #expect(try await prepared("{ rider { id } }", .none).estimatedCost(variables: [:]) == nil)
    }
}
