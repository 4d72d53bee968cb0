import GraphQLEngine
import Testing

@testable import Resolvers

@Suite struct StartupCheckTests {
    let schema: GraphQLSchema

    init() throws { schema = try buildSchema(sdl: SeededDatabase.schemaText) }

    @Test func theSchemaAndTheResolverMapAgree() throws {
        let problems = StartupCheck.problems(
            schema: schema, resolvers: SupportCarrSchema.resolvers, typeResolvers: SupportCarrSchema.typeResolvers)
        #expect(problems.map(\.description) == [])
        _ = try SupportCarrSchema.make(schema: schema, resolvers: SupportCarrSchema.resolvers, security: .development)
    }

    @Test func aRelationshipFieldWithoutAResolverStopsStartUpNamingIt() {
        var resolvers = SupportCarrSchema.resolvers
        resolvers["RescueRequest"]?["rider"] = nil
        #expect {
            try SupportCarrSchema.make(schema: schema, resolvers: resolvers, security: .development)
        } throws: { error in
            "\(error)".contains("\"RescueRequest.rider\" has no resolver")
        }
    }

    @Test func aRootFieldWithoutAResolverStopsStartUpNamingIt() {
        var resolvers = SupportCarrSchema.resolvers
        resolvers["Query"]?["payments"] = nil
        #expect {
            try SupportCarrSchema.make(schema: schema, resolvers: resolvers, security: .development)
        } throws: { error in
            "\(error)".contains("\"Query.payments\" has no resolver")
        }
    }

    @Test func aResolverForAFieldTheSchemaLacksStopsStartUpNamingIt() {
        var resolvers = SupportCarrSchema.resolvers
        resolvers["RescueRequest"]?["driverNotes"] = .property
        resolvers["Garage"] = ["id": .property]
        #expect {
            try SupportCarrSchema.make(schema: schema, resolvers: resolvers, security: .development)
        } throws: { error in
            "\(error)".contains("Resolver \"RescueRequest.driverNotes\" has no field")
                && "\(error)".contains("\"Garage\"")
        }
    }
}
