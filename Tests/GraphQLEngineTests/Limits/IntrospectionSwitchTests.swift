import GraphQLEngine
import Testing

@Suite struct IntrospectionSwitchTests {
    let off = LimitFixtures.only { $0.allowsIntrospection = false }

    @Test func schemaIntrospectionIsRefusedWhenOff() async throws {
        let service = try LimitFixtures.service(off)
        let response = await service.execute(GraphQLRequest(query: "{ __schema { queryType { name } } }"))
        #expect(response.data == nil)
        #expect(response.errors.map(\.code) == ["INTROSPECTION_DISABLED"])
        #expect(
            response.errors.first?.message
                == #"Introspection is disabled on this server: "__schema" cannot be queried."#)
        #expect(response.errors.first?.locations == [SourceLocation(line: 1, column: 3)])
    }

    @Test func typeIntrospectionIsRefusedWhenOffEvenInsideAFragment() async throws {
        let service = try LimitFixtures.service(off)
        let response = await service.execute(
            GraphQLRequest(query: #"{ ...T } fragment T on Query { __type(name: "Rider") { name } }"#))
        #expect(response.errors.map(\.code) == ["INTROSPECTION_DISABLED"])
    }

    @Test func typenameStaysAllowedWhenOff() async throws {
        let service = try LimitFixtures.service(off)
        let response = await service.execute(GraphQLRequest(query: "{ __typename }"), rootValue: JSONValue.object([]))
        #expect(response.jsonString() == #"{"data":{"__typename":"Query"}}"#)
    }

    @Test func introspectionWorksWhenOn() async throws {
        let service = try LimitFixtures.service(QueryLimits())
        let response = await service.execute(GraphQLRequest(query: "{ __schema { queryType { name } } }"))
        #expect(response.jsonString() == #"{"data":{"__schema":{"queryType":{"name":"Query"}}}}"#)
    }

    @Test func validationErrorsCarryNoSuggestionsWhenOff() async throws {
        let text = "{ rider { nam } }"
        let on = try await LimitFixtures.service(QueryLimits()).execute(GraphQLRequest(query: text))
        #expect(on.errors.map(\.message) == [#"Cannot query field "nam" on type "Rider". Did you mean "name"?"#])
        let offResponse = try await LimitFixtures.service(off).execute(GraphQLRequest(query: text))
        #expect(offResponse.errors.map(\.message) == [#"Cannot query field "nam" on type "Rider"."#])
        #expect(offResponse.errors.map(\.code) == on.errors.map(\.code))
    }

    @Test func variableErrorsCarryNoSuggestionsWhenOff() async throws {
        let sdl = "enum Status { OPEN CLOSED } input Filter { status: Status } type Query { count(f: Filter): Int }"
        let executable = try ExecutableSchema(schema: try buildSchema(sdl: sdl))
        let text = "query Q($f: Filter) { count(f: $f) }"
        let request = GraphQLRequest(query: text, variables: ["f": ["stat": "OPEN"]])
        let on = await GraphQLService(schema: executable, limits: QueryLimits()).execute(request)
        #expect(on.errors.first?.message.contains(#"Did you mean "status"?"#) == true)
        let offResponse = await GraphQLService(schema: executable, limits: off).execute(request)
        #expect(offResponse.errors.count == 1)
        #expect(offResponse.errors.first?.message.contains("Did you mean") == false)
        #expect(offResponse.errors.first?.message.hasSuffix(#"Field "stat" is not defined by type "Filter"."#) == true)
        let badEnum = GraphQLRequest(query: text, variables: ["f": ["status": "OPN"]])
        let enumOff = await GraphQLService(schema: executable, limits: off).execute(badEnum)
        #expect(enumOff.errors.count == 1)
        #expect(enumOff.errors.first?.message.contains("OPEN") == false)
    }

    @Test func theProductionPresetHasIntrospectionOffAndTheOtherDefaults() {
        #expect(!QueryLimits.production.allowsIntrospection)
        #expect(QueryLimits.production.maxDepth == 12)
        #expect(QueryLimits.production.maxPageSize == 100)
        #expect(QueryLimits.production.executionTimeout == .seconds(10))
        #expect(QueryLimits().allowsIntrospection)
    }

    @Test func graphqlJSsIntrospectionQueryFitsTheDefaultLimits() async throws {
        let script = #"""
            const { getIntrospectionQuery } = require('graphql');
            process.stdout.write(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true,
              directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
            """#
        let query = try await NodeRunner.run(script)
        let service = try LimitFixtures.service(QueryLimits())
        let response = await service.execute(GraphQLRequest(query: query))
        #expect(response.errors.isEmpty, "\(response.errors)")
    }
}
