import GraphQLEngine
import Testing

/// https://spec.graphql.org/October2021/#sec-Handling-Field-Errors
@Suite struct NullPropagationTests {
    static let sdl = """
        type Item { id: ID!, name: String!, note: String, child: Item, strictChild: Item! }
        type Query {
          item: Item
          strictItem: Item!
          items: [Item]
          strictItems: [Item!]
          veryStrictItems: [Item!]!
        }
        """

    static func run(_ query: String, _ data: JSONValue) async throws -> String {
        try await Fixtures.run(query, schema: Fixtures.executable(sdl), data: data)
    }

    static let cannot = #"Cannot return null for non-nullable field Item.name."#

    @Test func aNullNonNullFieldNullsItsNullableParent() async throws {
        let result = try await Self.run("{ item { id name } }", ["item": ["id": "1", "name": .null]])
        #expect(
            result
                == #"{"errors":[{"message":"\#(Self.cannot)","locations":[{"line":1,"column":13}],"path":["item","name"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"item":null}}"#
        )
    }

    @Test func aNullablFieldStaysNullWithoutError() async throws {
        let result = try await Self.run("{ item { note child { id } } }", ["item": ["note": .null]])
        #expect(result == #"{"data":{"item":{"note":null,"child":null}}}"#)
    }

    @Test func nullsPropagateThroughNonNullParentsUpToData() async throws {
        let result = try await Self.run(
            "{ strictItem { strictChild { name } } item { id } }",
            ["strictItem": ["strictChild": ["name": .null]], "item": ["id": "2"]])
        #expect(
            result
                == #"{"errors":[{"message":"\#(Self.cannot)","locations":[{"line":1,"column":30}],"path":["strictItem","strictChild","name"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}"#
        )
    }

    @Test func propagationStopsAtTheFirstNullableAncestor() async throws {
        let result = try await Self.run(
            "{ item { child { strictChild { name } } id } }",
            ["item": ["id": "3", "child": ["strictChild": ["name": .null]]]])
        #expect(
            result
                == #"{"errors":[{"message":"\#(Self.cannot)","locations":[{"line":1,"column":32}],"path":["item","child","strictChild","name"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"item":{"child":null,"id":"3"}}}"#
        )
    }

    @Test func aNullItemInANullableListStaysNull() async throws {
        let result = try await Self.run("{ items { id } }", ["items": [["id": "1"], .null, ["id": "3"]]])
        #expect(result == #"{"data":{"items":[{"id":"1"},null,{"id":"3"}]}}"#)
    }

    @Test func aNullItemInAListOfNonNullItemsNullsTheList() async throws {
        let result = try await Self.run("{ strictItems { id } }", ["strictItems": [["id": "1"], .null]])
        #expect(
            result
                == #"{"errors":[{"message":"Cannot return null for non-nullable field Query.strictItems.","locations":[{"line":1,"column":3}],"path":["strictItems",1],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"strictItems":null}}"#
        )
    }

    @Test func anItemErrorInANonNullListNullsData() async throws {
        let result = try await Self.run(
            "{ item { id } veryStrictItems { name } }",
            ["item": ["id": "1"], "veryStrictItems": [["name": "a"], ["id": "x"]]])
        #expect(
            result
                == #"{"errors":[{"message":"\#(Self.cannot)","locations":[{"line":1,"column":33}],"path":["veryStrictItems",1,"name"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}"#
        )
    }

    @Test func fieldsBelowANulledObjectAreNotResolvedAndReportNoErrors() async throws {
        // `name` fails first (same level as `child`), so `child`'s own failing
        // field one level down is never resolved.
        let result = try await Self.run(
            "{ item { name child { name } } }", ["item": ["name": .null, "child": ["name": .null]]])
        #expect(
            result
                == #"{"errors":[{"message":"\#(Self.cannot)","locations":[{"line":1,"column":10}],"path":["item","name"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"item":null}}"#
        )
    }
}
