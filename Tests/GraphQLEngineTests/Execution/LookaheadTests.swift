import GraphQLEngine
import Testing

/// `FieldContext.selectedFields(on:)`: a resolver sees the sub-selection the
/// executor will run, fragments expanded and `@skip`/`@include` applied.
@Suite struct LookaheadTests {
    /// Records what the `rescues` resolver saw.
    actor Seen {
        var fields: [[String]] = []
        func record(_ names: [String]) { fields.append(names) }
    }

    static let sdl = """
        type Page { total: Int, items(first: Int): [String], next: Page }
        type Query { rescues: Page }
        """

    static func schema(_ seen: Seen) throws -> ExecutableSchema {
        try Fixtures.executable(
            sdl,
            resolvers: [
                "Query": [
                    "rescues": .sync { field in
                        let selected = field.selectedFields().map { field in
                            let first = field.arguments["first", as: Int.self].map { "(\($0))" } ?? ""
                            return "\(field.responseKey)=\(field.name)\(first)"
                        }
                        let total = field.selects("total")
                        return .async {
                            await seen.record(selected + ["counts: \(total)"])
                            return .json(["total": 3, "items": ["a"]])
                        }
                    }
                ]
            ])
    }

    @Test func aResolverSeesItsSubSelectionAsItWillRun() async throws {
        let seen = Seen()
        let query = """
            query($skipTotal: Boolean!) {
              rescues { ...Counts first: items(first: 2) items total @skip(if: $skipTotal) ... on Page { next { total } } }
            }
            fragment Counts on Page { total }
            """
        let schema = try Self.schema(seen)
        _ = await execute(schema: schema, document: try Parser.parse(query), variables: ["skipTotal": true])
        _ = await execute(schema: schema, document: try Parser.parse(query), variables: ["skipTotal": false])
        _ = await execute(schema: schema, document: try Parser.parse("{ rescues { items } }"))
        let fields = await seen.fields
        #expect(
            fields == [
                ["total=total", "first=items(2)", "items=items", "next=next", "counts: true"],
                ["total=total", "first=items(2)", "items=items", "next=next", "counts: true"],
                ["items=items", "counts: false"],
            ])
    }

    @Test func aTypeThatIsNotAnObjectTypeHasNoSelectedFields() async throws {
        let seen = Seen()
        let schema = try Fixtures.executable(
            Self.sdl,
            resolvers: [
                "Query": [
                    "rescues": .sync { field in
                        let names =
                            field.selectedFields(on: "Int").map(\.name) + field.selectedFields(on: "Nope").map(\.name)
                        return .async {
                            await seen.record(names)
                            return .null
                        }
                    }
                ]
            ])
        _ = await execute(schema: schema, document: try Parser.parse("{ rescues { total } }"))
        #expect(await seen.fields == [[]])
    }
}
