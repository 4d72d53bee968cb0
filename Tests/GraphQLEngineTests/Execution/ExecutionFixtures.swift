import GraphQLEngine

/// Shared helpers: build an executable schema from SDL and run a query over
/// JSON data with the default resolver, returning the response as JSON text.
enum Fixtures {
    static let vehiclesSDL = """
        interface Node { id: ID! }
        interface Vehicle implements Node { id: ID! wheels: Int! }
        type Bike implements Node & Vehicle { id: ID! wheels: Int! electric: Boolean }
        type Van implements Node & Vehicle { id: ID! wheels: Int! capacity: Float }
        type Rider implements Node {
          id: ID!
          name: String!
          nickname: String
          friends: [Rider!]
          bike: Bike
          vehicles: [Vehicle]
        }
        union SearchResult = Bike | Van | Rider
        enum Status { OPEN ASSIGNED CLOSED }
        input Filter { status: Status = OPEN, limit: Int = 10, tags: [String!] }
        type Query {
          rider: Rider
          riders: [Rider!]!
          search: [SearchResult]
          vehicle: Vehicle
          echo(text: String = "default", count: Int, status: Status, filter: Filter): String
          strict: Rider!
          numbers: [Int]
          floats: [Float]
          status: Status
        }
        type Mutation { bump(by: Int!): Int }
        """

    static let data: JSONValue = [
        "rider": [
            "id": "r1", "name": "Ann", "nickname": .null,
            "friends": [["id": "r2", "name": "Bob"], ["id": "r3", "name": "Cy"]],
            "bike": ["id": "b1", "wheels": 2, "electric": true],
            "vehicles": [
                ["__typename": "Bike", "id": "b1", "wheels": 2, "electric": true],
                ["__typename": "Van", "id": "v1", "wheels": 4, "capacity": 3.5],
            ],
        ],
        "riders": [["id": "r1", "name": "Ann"], ["id": "r2", "name": "Bob"]],
        "search": [
            ["__typename": "Bike", "id": "b1", "wheels": 2, "electric": false],
            ["__typename": "Rider", "id": "r9", "name": "Zed"],
            ["__typename": "Van", "id": "v2", "wheels": 6, "capacity": 10],
        ],
        "vehicle": ["__typename": "Van", "id": "v1", "wheels": 4, "capacity": 1.25],
        "numbers": [1, 2, 3],
        "floats": [1.0, 0.1, 1e21, -0.0],
        "status": "ASSIGNED",
    ]

    static func executable(
        _ sdl: String = vehiclesSDL, resolvers: ResolverMap = [:], middleware: [any FieldMiddleware] = [],
        typeResolvers: [String: TypeResolver] = [:]
    ) throws -> ExecutableSchema {
        try ExecutableSchema(
            schema: try buildSchema(sdl: sdl), resolvers: resolvers, typeResolvers: typeResolvers,
            middleware: middleware, exposesInternalErrors: true)
    }

    /// Runs a query and returns the response JSON text.
    static func run(
        _ query: String, schema: ExecutableSchema, data: JSONValue = data, variables: [String: JSONValue] = [:],
        operationName: String? = nil, context: any Sendable = ()
    ) async throws -> String {
        let document = try Parser.parse(query)
        let response = await execute(
            schema: schema, document: document, variables: variables, operationName: operationName, context: context,
            rootValue: data)
        return response.jsonString()
    }

    static func run(_ query: String, variables: [String: JSONValue] = [:], operationName: String? = nil) async throws
        -> String
    {
        try await run(query, schema: executable(), variables: variables, operationName: operationName)
    }
}
