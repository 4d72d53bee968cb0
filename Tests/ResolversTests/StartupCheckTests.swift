import Testing

@testable import GraphQLEngine
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

    /// No field middleware of the gateway sees introspection, so an
    /// introspection-only operation's answer is the same for every caller and
    /// may be kept with its document (`IntrospectionAnswers`).
    @Test func introspectionAnswersEveryCallerAlike() throws {
        let executable = try SupportCarrSchema.make(
            schema: schema, resolvers: SupportCarrSchema.resolvers, security: .development)
        #expect(executable.introspectionAnswersEveryoneAlike)
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
