import GraphQLEngine
import Testing

/// Variable coercion errors, worded as graphql-js 16 words them
/// (https://spec.graphql.org/October2021/#CoerceVariableValues()); the expected
/// texts are what graphql-js 16's `execute` reports for the same input.
@Suite struct VariableCoercionTests {
    static let sdl = """
        enum Color { RED GREEN BLUE }
        input Point { x: Float!, y: Float = 0, tags: [String!] }
        type Query { f(i: Int, c: Color, p: Point, l: [Int!], fl: Float): String }
        """

    /// The error messages of a request with these variable definitions and values.
    static func messages(_ definitions: String, _ variables: [String: JSONValue]) async throws -> [String] {
        let schema = try Fixtures.executable(sdl)
        let document = try Parser.parse("query (\(definitions)) { f }")
        let response = await execute(schema: schema, document: document, variables: variables)
        #expect(response.data == nil)
        return response.errors.map(\.message)
    }

    @Test func aMissingRequiredVariableIsReported() async throws {
        #expect(
            try await Self.messages("$x: Int!", [:]) == [#"Variable "$x" of required type "Int!" was not provided."#])
    }

    @Test func aNullForANonNullVariableIsReported() async throws {
        #expect(
            try await Self.messages("$x: Int!", ["x": .null]) == [
                #"Variable "$x" of non-null type "Int!" must not be null."#
            ])
    }

    @Test func anIntOutside32BitsIsReported() async throws {
        #expect(
            try await Self.messages("$x: Int", ["x": 2_147_483_648]) == [
                #"Variable "$x" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648"#
            ])
        #expect(
            try await Self.messages("$x: Int", ["x": 1.5]) == [
                #"Variable "$x" got invalid value 1.5; Int cannot represent non-integer value: 1.5"#
            ])
    }

    @Test func aNonFiniteFloatIsReported() async throws {
        let infinity = try JSONValue(parsingJSON: "1e400")
        #expect(
            try await Self.messages("$x: Float", ["x": infinity]) == [
                #"Variable "$x" got invalid value Infinity; Float cannot represent non numeric value: Infinity"#
            ])
    }

    @Test func anUnknownEnumValueIsReportedWithASuggestion() async throws {
        #expect(
            try await Self.messages("$c: Color", ["c": "GREN"]) == [
                #"Variable "$c" got invalid value "GREN"; Value "GREN" does not exist in "Color" enum. Did you mean the enum value "GREEN" or "RED"?"#
            ])
    }

    @Test func inputObjectProblemsAreReportedWithTheirPath() async throws {
        #expect(
            try await Self.messages("$p: Point", ["p": ["x": 1, "z": 2, "tags": ["a", .null]]]) == [
                #"Variable "$p" got invalid value null at "p.tags[1]"; Expected non-nullable type "String!" not to be null."#,
                #"Variable "$p" got invalid value { x: 1, z: 2, tags: ["a", null] }; Field "z" is not defined by type "Point". Did you mean "x" or "y"?"#,
            ])
        #expect(
            try await Self.messages("$p: Point", ["p": ["y": 1]]) == [
                #"Variable "$p" got invalid value { y: 1 }; Field "x" of required type "Float!" was not provided."#
            ])
        #expect(
            try await Self.messages("$p: Point", ["p": 3]) == [
                #"Variable "$p" got invalid value 3; Expected type "Point" to be an object."#
            ])
    }

    @Test func listItemsAreCheckedOneByOne() async throws {
        #expect(
            try await Self.messages("$l: [Int!]", ["l": [1, "two"]]) == [
                #"Variable "$l" got invalid value "two" at "l[1]"; Int cannot represent non-integer value: "two""#
            ])
    }

    @Test func validVariablesAreCoercedWithDefaults() async throws {
        let schema = try Fixtures.executable(
            Self.sdl,
            resolvers: [
                "Query": [
                    "f": .sync { field in
                        .string(
                            field.variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.jsonString)" }
                                .joined(separator: " "))
                    }
                ]
            ])
        let document = try Parser.parse(
            #"query ($i: Int = 4, $p: Point, $l: [Int], $c: Color = BLUE, $s: String) { f }"#)
        let response = await execute(schema: schema, document: document, variables: ["p": ["x": 2], "l": 5])
        #expect(
            response.jsonString()
                == #"{"data":{"f":"c=\"BLUE\" i=4 l=[5] p={\"x\":2,\"y\":0}"}}"#)
    }

    @Test func errorsPointAtTheVariableDefinitionAndCarryBadUserInput() async throws {
        let schema = try Fixtures.executable(Self.sdl)
        let response = await execute(schema: schema, document: try Parser.parse("query ($x: Int!) { f }"))
        #expect(
            response.jsonString()
                == #"{"errors":[{"message":"Variable \"$x\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":8}],"extensions":{"code":"BAD_USER_INPUT"}}]}"#
        )
    }
}
