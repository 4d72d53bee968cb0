import Testing

@testable import GraphQLEngine

@Suite struct VariableScanTests {
    struct NoFragment: Error {
        let text: String
    }

    func fragment(_ text: String) throws -> FragmentDefinition {
        let document = try Parser.parse(text)
        for definition in document.definitions {
            if case .fragment(let fragment) = definition { return fragment }
        }
        throw NoFragment(text: text)
    }

    @Test func aVariableAnywhereInAFragmentIsFound() throws {
        let withVariables = [
            "fragment F on Q { a(x: $v) }",
            "fragment F on Q { a { b { c(x: [1, {y: [$v]}]) } } }",
            "fragment F on Q { a @include(if: $v) }",
            "fragment F on Q { ...G @skip(if: $v) }",
            "fragment F on Q { ... on R @include(if: $v) { a } }",
            "fragment F on Q { ... on R { a(x: {y: $v}) } }",
            "fragment F on Q @dir(x: $v) { a }",
        ]
        for text in withVariables {
            #expect(VariableScan.containsVariables(try fragment(text)), "\(text)")
        }
    }

    @Test func aFragmentWithoutVariablesHasNone() throws {
        let withoutVariables = [
            "fragment F on Q { a }",
            "fragment F on Q { a(x: 1, y: \"$v\", z: [true, null, ENUM, {w: 2.5}]) { ...G ... on R { b } } }",
            "fragment F on Q @dir(x: 1) { a @include(if: true) }",
        ]
        for text in withoutVariables {
            #expect(!VariableScan.containsVariables(try fragment(text)), "\(text)")
        }
    }
}
