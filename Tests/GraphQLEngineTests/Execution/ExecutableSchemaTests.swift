import GraphQLEngine
import Testing

@Suite struct ExecutableSchemaTests {
    static let sdl = "type Book { title: String, author: String } type Query { books: [Book], book(id: ID!): Book }"

    @Test func resolversForUnknownTypesAndFieldsAreReported() throws {
        let schema = try buildSchema(sdl: Self.sdl)
        let problems = ExecutableSchema.problems(
            schema: schema,
            resolvers: ["Query": ["books": .property, "bookz": .property], "Magazine": ["title": .property]],
            typeResolvers: ["Book": { _, _ in nil }])
        #expect(
            problems == [
                .unknownType("Magazine"), .unknownField(type: "Query", field: "bookz"),
                .typeResolverForNonAbstractType("Book"),
            ])
    }

    @Test func fieldsWithoutResolversAreReportedWhenTheDefaultResolverIsNotAcceptable() throws {
        let schema = try buildSchema(sdl: Self.sdl)
        let resolvers: ResolverMap = ["Query": ["books": .sync { _ in .null }]]
        #expect(
            ExecutableSchema.problems(schema: schema, resolvers: resolvers, defaultResolution: .allowedBelowRoot) == [
                .missingResolver(type: "Query", field: "book")
            ])
        #expect(
            ExecutableSchema.problems(schema: schema, resolvers: resolvers, defaultResolution: .forbidden) == [
                .missingResolver(type: "Book", field: "title"), .missingResolver(type: "Book", field: "author"),
                .missingResolver(type: "Query", field: "book"),
            ])
        #expect(ExecutableSchema.problems(schema: schema, resolvers: resolvers, defaultResolution: .allowed).isEmpty)
    }

    @Test func buildingWithProblemsThrowsThemAll() throws {
        let schema = try buildSchema(sdl: Self.sdl)
        #expect(throws: ExecutableSchemaError.self) {
            try ExecutableSchema(schema: schema, resolvers: ["Query": ["nope": .property]])
        }
    }
}
