import GraphQLEngine
import Testing

/// A small schema with the shapes the limits care about: a Relay connection
/// (`riders`), a list with a page size (`nearby`), a list without one
/// (`history`), and nesting without end (`best`, `friends`).
enum LimitFixtures {
    static let sdl = """
        type Query {
          rider(id: ID): Rider
          riders(first: Int = 20, after: String): RiderConnection
          nearby(first: Int = 20): [Rider!]
          tags: [String!]!
        }
        type Mutation { touch: Int }
        type RiderConnection { edges: [RiderEdge!]! pageInfo: PageInfo! totalCount: Int! }
        type RiderEdge { cursor: String! node: Rider! }
        type PageInfo { hasNextPage: Boolean! endCursor: String }
        type Rider {
          id: ID!
          name: String
          best: Rider
          friends(limit: Int): [Rider!]
          history: [Event!]!
        }
        type Event { at: String }
        """

    static func schema() throws -> GraphQLSchema { try buildSchema(sdl: sdl) }

    static func executable(resolvers: ResolverMap = [:]) throws -> ExecutableSchema {
        try ExecutableSchema(schema: try schema(), resolvers: resolvers)
    }

    /// The service as the HTTP server runs it: the engine's validator, the given limits.
    static func service(_ limits: QueryLimits, resolvers: ResolverMap = [:]) throws -> GraphQLService {
        GraphQLService(
            schema: try executable(resolvers: resolvers),
            validator: { validate(schema: $0, document: $1, suggestions: $2) },
            limits: limits)
    }

    /// The errors `limits` give a document and variables, without a service.
    static func check(
        _ query: String, _ limits: QueryLimits, variables: [String: JSONValue] = [:], operationName: String? = nil
    ) throws -> [GraphQLError] {
        try limits.check(Parser.parse(query), schema: schema(), variables: variables, operationName: operationName)
    }

    static func cost(_ query: String, _ limits: QueryLimits = QueryLimits(), variables: [String: JSONValue] = [:])
        throws -> Int?
    {
        try limits.estimatedCost(of: Parser.parse(query), schema: schema(), variables: variables)
    }

    /// `{ rider { best { best ... { id } } } }` with `depth` fields on the longest path.
    static func nested(depth: Int) -> String {
        precondition(depth >= 2)
        return "{ rider { " + String(repeating: "best { ", count: depth - 2) + "id"
            + String(repeating: " }", count: depth - 1)
            + " }"
    }

    /// Only the limit under test, so other defaults do not interfere.
    static func only(_ configure: (inout QueryLimits) -> Void) -> QueryLimits {
        var limits = QueryLimits.none
        configure(&limits)
        return limits
    }
}
