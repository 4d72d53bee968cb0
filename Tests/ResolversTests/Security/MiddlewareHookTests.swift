import DataModel
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

/// A stand-in for the security layer: denies one field through the seam.
struct DenyField: FieldMiddleware {
    let type: String
    let field: String
    func applies(to field: GraphQLField, of type: ObjectType) -> Bool {
        type.name == self.type && field.name == self.field
    }
    func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
        throw GraphQLError(message: "Forbidden", extensions: [("code", .string(GraphQLError.Code.forbidden))])
    }
}

extension SeededSuites {
    @Suite struct MiddlewareHookTests {
        @Test func aSecurityMiddlewareCanDenyAFieldWithoutTouchingItsResolver() async throws {
            try await SeededDatabase.with { fixture in
                let schema = try SupportCarrSchema.make(
                    sdl: SeededDatabase.schemaText, security: .development,
                    middleware: [DenyField(type: "RescueRequest", field: "rider")])
                let guarded = Fixture(database: fixture.database, service: GraphQLService(schema: schema, cache: nil))
                let response = await guarded.run("{ rescueRequests(first: 2) { edges { node { id rider { id } } } } }")
                #expect(response.errors.count == 2)
                #expect(
                    response.errors.allSatisfy {
                        $0.extensions.first { $0.key == "code" }?.value == .string("FORBIDDEN")
                    })
                #expect(response.data?["rescueRequests", "edges", 0, "node", "rider"] == .null)
                #expect(response.data?["rescueRequests", "edges", 0, "node", "id"]?.stringValue != nil)
            }
        }
    }
}
