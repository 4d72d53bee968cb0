import GraphQLEngine
import TestNode
import Testing

/// Introspection (https://spec.graphql.org/October2021/#sec-Introspection),
/// checked against graphql-js 16: its own introspection query run through our
/// executor must describe the same schema graphql-js builds from the SDL.
@Suite struct IntrospectionTests {
    static let richSDL = #"""
        """
        The rescue service, as a test of everything introspection can show.
        """
        schema {
          query: Query
          mutation: Mutation
          subscription: Subscription
        }

        """Who may read a field."""
        directive @requires(
          "The permission needed."
          permission: String!
          level: Int = 1
          legacy: String @deprecated(reason: "Use permission.")
        ) repeatable on FIELD_DEFINITION | OBJECT

        directive @encrypted on FIELD_DEFINITION | INPUT_FIELD_DEFINITION

        "An ISO-8601 date and time."
        scalar DateTime @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")

        scalar JSON

        """
        Anything with an id.

        Second paragraph with "quotes" and a \ backslash.
        """
        interface Node {
          id: ID!
        }

        interface Vehicle implements Node {
          id: ID!
          "Number of wheels"
          wheels: Int!
        }

        type Bike implements Node & Vehicle @requires(permission: "x") {
          id: ID!
          wheels: Int!
          electric: Boolean @deprecated
        }

        type Van implements Node & Vehicle {
          id: ID!
          wheels: Int!
          capacity(unit: Unit = LITRES, round: Boolean = true): Float @deprecated(reason: "Use volume.")
        }

        enum Unit {
          LITRES
          "Cubic feet"
          CUBIC_FEET @deprecated(reason: "Metric only.")
          GALLONS @deprecated
        }

        union Searchable = Bike | Van | Rider

        type Rider implements Node {
          id: ID!
          name: String!
          phone: String @encrypted @requires(permission: "pii:contact")
          rescues(
            first: Int = 10
            after: String
            filter: RescueFilter = {status: [OPEN, ASSIGNED], near: {lat: 1.5, lng: -2}}
            oldFilter: RescueFilter @deprecated(reason: "Use filter.")
          ): [Rescue!]!
          joined: DateTime
          meta: JSON
        }

        enum Status {
          OPEN
          ASSIGNED
          CLOSED
        }

        input Point {
          lat: Float!
          lng: Float!
        }

        "Which rescues to list."
        input RescueFilter {
          status: [Status!] = [OPEN]
          near: Point
          radius: Float = 2.5
          ids: [ID] = [1, "b"]
          text: String = "line\n\"quoted\""
          legacy: Boolean @deprecated(reason: "Ignored.")
        }

        type Rescue implements Node {
          id: ID!
          status: Status!
          rider: Rider
          matrix: [[Int!]]!
        }

        type Query {
          node(id: ID!): Node
          search(text: String!, limit: Int = 5): [Searchable]
          riders(ids: [ID!]! = []): [Rider]
          big(value: Float = 1e25, small: Float = 0.000001, int: Int = -3): String
        }

        type Mutation {
          """
          Creates a rescue.
            Indented line kept.
          """
          requestRescue(riderId: ID!, at: Point!, note: String = null): Rescue
        }

        type Subscription {
          rescueUpdated(id: ID!): Rescue
        }
        """#

    static let referenceScript = #"""
        const { buildSchema, buildClientSchema, printSchema, getIntrospectionQuery, graphqlSync } = require('graphql');
        const input = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
        const options = { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
                          schemaDescription: true, inputValueDeprecation: true };
        if (input.mode === 'query') {
          process.stdout.write(getIntrospectionQuery(options));
        } else {
          const schema = buildSchema(input.sdl);
          const ours = JSON.parse(input.result);
          const reference = graphqlSync({ schema, source: getIntrospectionQuery(options) });
          process.stdout.write(JSON.stringify({
            expected: printSchema(schema),
            fromOurs: printSchema(buildClientSchema(ours.data)),
            referenceJSON: JSON.stringify(reference),
          }));
        }
        """#

    struct Comparison {
        let expected: String
        let fromOurs: String
        let referenceJSON: String
        let ourJSON: String
    }

    static func compare(sdl: String) async throws -> Comparison {
        let query = try await NodeRunner.run(referenceScript, input: #"{"mode":"query"}"#)
        #expect(query.contains("__schema"))
        let schema = try ExecutableSchema(schema: try buildSchema(sdl: sdl))
        let response = await execute(schema: schema, document: try Parser.parse(query))
        #expect(response.errors.isEmpty, "\(response.errors)")
        let ourJSON = response.jsonString()
        let input: JSONValue = ["mode": "compare", "sdl": .string(sdl), "result": .string(ourJSON)]
        let output = try JSONValue(parsingJSON: try await NodeRunner.run(referenceScript, input: input.jsonString))
        guard case .string(let expected)? = output["expected"], case .string(let fromOurs)? = output["fromOurs"],
            case .string(let referenceJSON)? = output["referenceJSON"]
        else {
            throw NodeProcess.Failure(description: "unexpected reference output")
        }
        return Comparison(expected: expected, fromOurs: fromOurs, referenceJSON: referenceJSON, ourJSON: ourJSON)
    }

    @Test func graphqlJSRebuildsTheSameSchemaFromOurIntrospectionResult() async throws {
        let comparison = try await Self.compare(sdl: Self.richSDL)
        #expect(comparison.fromOurs == comparison.expected)
        #expect(comparison.expected.contains("directive @requires"))
    }

    @Test func ourIntrospectionResultIsByteForByteGraphQLJSs() async throws {
        let comparison = try await Self.compare(sdl: Self.richSDL)
        #expect(comparison.ourJSON == comparison.referenceJSON)
    }

    @Test func typeAndTypenameMetaFieldsAnswerDirectly() async throws {
        let schema = try ExecutableSchema(schema: try buildSchema(sdl: Self.richSDL))
        let query = """
            {
              __typename
              unit: __type(name: "Unit") { kind name enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } }
              missing: __type(name: "Nope") { name }
              list: __type(name: "Rescue") { fields { name type { kind ofType { kind ofType { kind ofType { kind name } } } } } }
            }
            """
        let response = await execute(schema: schema, document: try Parser.parse(query))
        #expect(
            response.jsonString()
                == #"{"data":{"__typename":"Query","unit":{"kind":"ENUM","name":"Unit","enumValues":[{"name":"LITRES"}],"all":[{"name":"LITRES","isDeprecated":false,"deprecationReason":null},{"name":"CUBIC_FEET","isDeprecated":true,"deprecationReason":"Metric only."},{"name":"GALLONS","isDeprecated":true,"deprecationReason":"No longer supported"}]},"missing":null,"list":{"fields":[{"name":"id","type":{"kind":"NON_NULL","ofType":{"kind":"SCALAR","ofType":null}}},{"name":"status","type":{"kind":"NON_NULL","ofType":{"kind":"ENUM","ofType":null}}},{"name":"rider","type":{"kind":"OBJECT","ofType":null}},{"name":"matrix","type":{"kind":"NON_NULL","ofType":{"kind":"LIST","ofType":{"kind":"LIST","ofType":{"kind":"NON_NULL","name":null}}}}}]}}}"#
        )
    }
}

/// The executor answers introspection fields itself unless middleware applies
/// to them; then the introspection resolvers run. Both must answer the same.
@Suite struct IntrospectionPathsTests {
    /// Middleware that changes nothing, so every field goes through its resolver.
    struct PassThrough: FieldMiddleware {
        func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
            try next(field)
        }
    }

    @Test func introspectionThroughItsResolversAnswersWhatTheExecutorAnswers() async throws {
        let fullQuery = try await NodeRunner.run(IntrospectionTests.referenceScript, input: #"{"mode":"query"}"#)
        let metaQuery = """
            {
              unit: __type(name: "Unit") { kind name all: enumValues(includeDeprecated: true) { name isDeprecated } }
              missing: __type(name: "Nope") { name }
              van: __type(name: "Van") {
                fields(includeDeprecated: true) { name args { name defaultValue type { kind ofType { kind name } } } }
                interfaces { name possibleTypes { name } }
              }
            }
            """
        let schema = try buildSchema(sdl: IntrospectionTests.richSDL)
        let direct = try ExecutableSchema(schema: schema)
        let throughResolvers = try ExecutableSchema(schema: schema, middleware: [PassThrough()])
        for query in [fullQuery, metaQuery] {
            let document = try Parser.parse(query)
            let expected = await execute(schema: direct, document: document)
            let answered = await execute(schema: throughResolvers, document: document)
            #expect(expected.errors.isEmpty, "\(expected.errors)")
            #expect(answered.jsonString() == expected.jsonString())
        }
        let van = await execute(schema: direct, document: try Parser.parse(metaQuery))
        #expect(van.jsonString().contains(#"{"name":"unit","defaultValue":"LITRES""#))
    }
}

/// The same check for the gateway's own `Schema.graphql` (at the package root),
/// once the schema is in the tree.
@Suite struct SchemaFileIntrospectionTests {
    static let schemaPath: String = {
        // Tests/GraphQLEngineTests/Introspection/IntrospectionTests.swift → package root.
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(4)
        return components.joined(separator: "/") + "/Schema.graphql"
    }()

    static var schemaText: String? {
        guard let bytes = try? TestFiles.read(schemaPath) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `Schema.graphql` built with the engine: a large, realistic schema to check limits against.
    static func buildFileSchema() throws -> GraphQLSchema {
        try buildSchema(sdl: try #require(schemaText))
    }

    @Test(.enabled(if: schemaText != nil, "Schema.graphql is not in this tree yet"))
    func graphqlJSRebuildsSchemaGraphQLFromOurIntrospectionResult() async throws {
        let sdl = try #require(Self.schemaText)
        let comparison = try await IntrospectionTests.compare(sdl: sdl)
        #expect(comparison.fromOurs == comparison.expected)
        #expect(comparison.ourJSON == comparison.referenceJSON)
    }
}
