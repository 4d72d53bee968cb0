import Testing

@testable import GraphQLEngine

@Suite("Printing a schema as SDL")
struct PrintSchemaTests {
    static let documents: [String] = [
        richSDL,
        "type Query { a: Int }",
        """
        schema { query: Q subscription: S }
        type Q { a: String }
        type S { tick: Int }
        """,
        #"""
        """Schema description"""
        schema { query: Query }

        """
          Indented
          description
        """
        type Query {
          "single line"
          a: Int
          """
          multi
          line
          """
          b(
            "described argument"
            x: Int = 1
            y: String
          ): String
          c("quote \" and \\ backslash" z: [Int] = 3): Int
          d: String @deprecated(reason: "")
          e: String @deprecated(reason: "No longer supported")
          f: String @deprecated(reason: """block "reason" """)
        }
        "  leading spaces"
        enum E { A, B @deprecated C }
        """
        trailing newline

        """
        scalar S @specifiedBy(url: "https://example.com/s")
        """#,
        """
        type Query {
          f(
            i: Int = -0,
            fl: Float = 1.0,
            big: Float = 1e25,
            small: Float = 0.000001,
            s: String = "s\\u00e9\\n",
            b: Boolean = true,
            id: ID = "4",
            idText: ID = "abc",
            idNum: ID = 17,
            e: Color = RED,
            es: [Color!] = BLUE,
            n: Int = null,
            list: [[Int]] = [[1], 2, null],
            obj: Point = {y: 2, x: 1},
            objs: [Point] = {x: 3},
            customString: Custom = "x"
          ): Int
        }
        enum Color { RED BLUE }
        input Point { x: Int, y: Int = 5, z: Int = null, label: String = "p" }
        scalar Custom
        """,
        """
        directive @a(x: Int = 1, y: [String] = ["a"]) repeatable on FIELD | QUERY | SCHEMA
        "described" directive @b("arg" x: Int) on OBJECT
        type Query @b { a: Int @deprecated }
        interface I { a: Int }
        interface J implements I { a: Int }
        type T implements J & I { a: Int }
        union U = T | Query
        extend type T { b: String }
        extend union U = Other
        type Other { c: Int }
        """,
    ]

    @Test("printSchema matches graphql-js 16's printSchema(buildSchema(sdl))")
    func matchesGraphQLJS() async throws {
        let reference = try await GraphQLJSSchemaReference.referenceOutcomes(Self.documents)
        for (sdl, expected) in zip(Self.documents, reference) {
            #expect(expected.printed != nil, "graphql-js rejected:\n\(sdl)\n\(expected)")
            let ours = GraphQLJSSchemaReference.ourOutcome(sdl)
            #expect(ours == expected, "ours:\n\(ours)\n\ngraphql-js:\n\(expected)")
        }
    }

    @Test("a small schema prints as written")
    func smallSchema() throws {
        let sdl = #"""
            """The root"""
            type Query {
              users(first: Int = 10): [User!]!
            }

            type User {
              id: ID!
              name: String @deprecated(reason: "Use fullName")
            }
            """#
        let printed = printSchema(try buildSchema(sdl: sdl))
        #expect(printed == sdl, "\(printed)")
    }

    @Test("object-shaped defaults of custom scalars print untyped (graphql-js throws on them)")
    func customScalarObjectDefault() throws {
        let schema = try buildSchema(sdl: "scalar JSON\ntype Query { f(x: JSON = {a: [1, \"two\", {b: null}]}): Int }")
        #expect(printSchema(schema).contains("f(x: JSON = {a: [1, \"two\", {b: null}]}): Int"))
    }

    @Test("printing is stable: print, build, print again gives the same text")
    func stable() throws {
        for sdl in Self.documents {
            let once = printSchema(try buildSchema(sdl: sdl))
            let twice = printSchema(try buildSchema(sdl: once))
            #expect(once == twice)
        }
    }

    @Test("the introspection schema prints as graphql-js prints it")
    func introspectionSchema() throws {
        let printed = printIntrospectionSchema(try buildSchema(sdl: "type Query { a: Int }"))
        #expect(
            printed.contains(
                "directive @include(\n  \"\"\"Included when true.\"\"\"\n  if: Boolean!\n) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT"
            ))
        #expect(printed.contains("type __Schema {\n  description: String\n"))
        #expect(
            printed.hasSuffix(
                "  \"\"\"Location adjacent to an input object field definition.\"\"\"\n  INPUT_FIELD_DEFINITION\n}"))
    }
}
