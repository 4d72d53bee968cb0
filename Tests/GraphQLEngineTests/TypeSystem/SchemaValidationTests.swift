import Testing

@testable import GraphQLEngine

@Suite("Type-system validation of SDL")
struct SchemaValidationTests {
    @Test("each invalid SDL is rejected with graphql-js's messages", arguments: SchemaValidationCases.all.map(\.name))
    func rejectsWithMessages(caseName: String) throws {
        let testCase = try #require(SchemaValidationCases.all.first { $0.name == caseName })
        do {
            _ = try buildSchema(sdl: testCase.sdl)
            Issue.record("\(testCase.name): the schema was accepted")
        } catch {
            #expect(error.errors.map(\.message) == testCase.messages, "\(testCase.name)")
            // Every error points into the document.
            for reported in error.errors where reported.message != "Query root type must be provided." {
                #expect(!reported.locations.isEmpty, "\(reported.message) has no location")
            }
        }
    }

    @Test("the thrown error joins the messages as graphql-js's buildSchema does")
    func joinedMessage() {
        #expect(throws: (any Error).self) {
            try buildSchema(sdl: "type Query { a: U }\nunion U = Query | Query\nenum E")
        }
        do {
            _ = try buildSchema(sdl: "type Query { a: E, b: F }\nenum E\nenum F")
        } catch {
            #expect(
                error.message
                    == "Enum type E must define one or more values.\n\nEnum type F must define one or more values.")
        }
    }

    @Test("a syntax error in SDL is reported as such")
    func syntaxError() {
        do {
            _ = try buildSchema(sdl: "type Query { a: }")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.first?.message == "Syntax Error: Expected Name, found \"}\".")
            #expect(error.errors.first?.locations == [SourceLocation(line: 1, column: 17)])
        }
    }

    @Test("locations point at the offending nodes")
    func locations() {
        do {
            _ = try buildSchema(sdl: "type Query implements I {\n  a: String\n}\ninterface I {\n  a: Int\n}")
            Issue.record("accepted")
        } catch {
            #expect(
                error.errors.first?.locations == [
                    SourceLocation(line: 5, column: 6), SourceLocation(line: 2, column: 6),
                ])
        }
    }

    @Test("an invalid applied directive argument value is an error")
    func invalidDirectiveArgument() {
        do {
            _ = try buildSchema(
                sdl:
                    "directive @requires(permission: String!) on FIELD_DEFINITION\ntype Query { a: Int @requires(permission: 7) }"
            )
            Issue.record("accepted")
        } catch {
            #expect(error.message == "Argument \"permission\" has invalid value 7.")
        }
    }

    @Test("valid schemas with tricky but legal shapes are accepted")
    func acceptsLegalShapes() throws {
        // Covariant field types, optional extra arguments, nullable input cycles,
        // transitive interfaces, repeatable directives, redefining a built-in scalar.
        _ = try buildSchema(
            sdl: """
                scalar String
                directive @tag(name: String) repeatable on FIELD_DEFINITION
                interface Node { id: ID! }
                interface Named implements Node { id: ID!, name: String, friends: [Named] }
                type Query implements Named & Node {
                  id: ID!
                  name(upper: Boolean = false, locale: String): String @tag(name: "a") @tag(name: "b")
                  friends: [Query!]!
                }
                input Tree { children: [Tree!]!, parent: Tree, required: Leaf! }
                input Leaf { value: Int }
                """)
    }

    @Test("every case gives the same messages and locations as graphql-js 16")
    func matchesGraphQLJS() async throws {
        let documents = SchemaValidationCases.all.map(\.sdl)
        let reference = try await GraphQLJSSchemaReference.referenceOutcomes(documents)
        #expect(reference.count == documents.count)
        for (testCase, expected) in zip(SchemaValidationCases.all, reference) {
            let ours = GraphQLJSSchemaReference.ourOutcome(testCase.sdl)
            #expect(ours == expected, "\(testCase.name)\nours:\n\(ours)\ngraphql-js:\n\(expected)")
        }
    }
}
