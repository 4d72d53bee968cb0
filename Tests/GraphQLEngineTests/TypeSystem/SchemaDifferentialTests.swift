import Foundation
import Testing

@testable import GraphQLEngine

/// Many small variations of valid SDL, each built by us and by graphql-js 16:
/// the verdicts, every message and location, and the printed schemas must agree.
@Suite("SDL variations against graphql-js")
struct SchemaDifferentialTests {
    /// The rich SDL with each line removed in turn: removing a line breaks
    /// references, implementations, extensions, directives and blocks in
    /// many different ways.
    static var oneLineDeletions: [String] {
        let lines = richSDL.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.indices.compactMap { index in
            guard !lines[index].trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            var copy = lines
            copy.remove(at: index)
            return copy.joined(separator: "\n")
        }
    }

    /// Small documents that swap one part of a valid schema for something else.
    static let swaps: [String] = {
        let base = """
            directive @auth(role: Role = USER) on FIELD_DEFINITION | OBJECT
            interface Node { id: ID! }
            type Query implements Node @auth { id: ID!, node(id: ID!): Node, list(first: Int = 1): [Item] }
            type Item implements Node { id: ID!, name: String @auth(role: ADMIN) }
            enum Role { USER ADMIN }
            input Filter { role: Role = ADMIN, nested: Filter }
            """
        let replacements: [(String, String)] = [
            ("ID!, node", "ID, node"), ("[Item]", "[Filter]"), ("Role = USER", "Role = NOBODY"),
            ("@auth(role: ADMIN)", "@auth(role: \"ADMIN\")"), ("nested: Filter", "nested: Filter!"),
            ("implements Node @auth", "implements Node & Node @auth"), ("enum Role { USER ADMIN }", "enum Role"),
            ("input Filter", "type Filter"), ("OBJECT", "OBJECT | OBJECT"), ("@auth(role: ADMIN)", "@auth @auth"),
            ("interface Node { id: ID! }", "interface Node { id: ID!, extra(x: Int!): Int }"),
            ("Item implements Node", "Item implements Query"), ("first: Int = 1", "first: Int = \"one\""),
            ("role: Role = ADMIN", "role: Role = ADMIN @deprecated"), ("{ id: ID! }", "{ id: ID! @auth }"),
        ]
        return [base] + replacements.map { base.replacingOccurrences(of: $0.0, with: $0.1) }
    }()

    @Test("every one-line deletion of the rich SDL gives graphql-js's outcome")
    func oneLineDeletionsMatch() throws {
        try Self.compare(Self.oneLineDeletions)
    }

    @Test("swapped parts of a small schema give graphql-js's outcome")
    func swapsMatch() throws {
        try Self.compare(Self.swaps)
    }

    /// Where we deliberately differ: graphql-js does not check the argument
    /// values of custom directives applied in SDL and accepts the schema; we
    /// reject it, because the layers above act on those values.
    static let deliberateDeviations: [String: GraphQLJSSchemaReference.Outcome] = [
        "@auth(role: \"ADMIN\")": GraphQLJSSchemaReference.Outcome(errors: [
            .init(message: "Argument \"role\" has invalid value \"ADMIN\".", locations: [[4, 63]])
        ])
    ]

    static func compare(_ documents: [String]) throws {
        let reference = try GraphQLJSSchemaReference.referenceOutcomes(documents)
        #expect(reference.count == documents.count)
        for (sdl, graphQLJS) in zip(documents, reference) {
            let deviation = deliberateDeviations.first { sdl.contains($0.key) }?.value
            let expected = deviation ?? graphQLJS
            if deviation != nil { #expect(graphQLJS.printed != nil, "graphql-js now rejects:\n\(sdl)") }
            let ours = GraphQLJSSchemaReference.ourOutcome(sdl)
            #expect(ours == expected, "\(sdl)\n\nours:\n\(ours)\n\nexpected:\n\(expected)")
        }
    }
}
