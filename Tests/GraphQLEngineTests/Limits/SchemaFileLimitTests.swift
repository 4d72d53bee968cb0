import GraphQLEngine
import Testing

/// The default limits against the gateway's own `Schema.graphql`: what its
/// clients really send fits, what a hostile client would send does not.
@Suite struct SchemaFileLimitTests {
    static let fiftyRescues = """
        query History($rider: ObjectID!, $n: Int) {
          rescueHistory(riderId: $rider, first: $n) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges {
              cursor
              node {
                id status type description estimatedPrice finalPrice requestedAt completedAt
                pickupLocation { lng lat address city }
                dropoffLocation { lng lat address city }
                rider { id name totalRescues averageRating user { id } }
                statusHistory { fromStatus toStatus timestamp reason changedByUser { id } }
                ratings { id }
              }
            }
          }
        }
        """

    @Test func theFiftyRescueHistoryQueryFitsTheDefaults() throws {
        let schema = try SchemaFileIntrospectionTests.buildFileSchema()
        let document = try Parser.parse(Self.fiftyRescues)
        #expect(validate(schema: schema, document: document).isEmpty)
        let limits = QueryLimits.production
        #expect(limits.check(document, schema: schema, variables: ["rider": "x", "n": 50]).isEmpty)
        #expect(limits.check(document, schema: schema, variables: ["rider": "x", "n": 100]).isEmpty)
        let cost = try #require(limits.estimatedCost(of: document, schema: schema, variables: ["n": 50]))
        #expect(cost > 50 * 20 && cost < limits.maxCost!)
    }

    @Test func nestedPagesOfHundredsAreRefusedByCost() throws {
        let schema = try SchemaFileIntrospectionTests.buildFileSchema()
        let query = """
            { rescueHistory(riderId: "x", first: 100) { edges { node {
                rider { user { notifications(first: 100) { edges { node { id } } } } }
                statusHistory { changedByUser { notifications(first: 100) { edges { node { id } } } } }
            } } } }
            """
        let errors = QueryLimits.production.check(try Parser.parse(query), schema: schema)
        #expect(errors.map(\.code) == ["MAX_COST_EXCEEDED"])
    }

    @Test func introspectionOfTheRealSchemaFitsTheDefaultsWhenOn() async throws {
        let script = #"""
            const { getIntrospectionQuery } = require('graphql');
            process.stdout.write(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true,
              directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
            """#
        let query = try await NodeRunner.run(script)
        let schema = try SchemaFileIntrospectionTests.buildFileSchema()
        #expect(QueryLimits().check(try Parser.parse(query), schema: schema).isEmpty)
        #expect(
            QueryLimits.production.check(try Parser.parse(query), schema: schema).map(\.code) == [
                "INTROSPECTION_DISABLED"
            ])
    }
}
