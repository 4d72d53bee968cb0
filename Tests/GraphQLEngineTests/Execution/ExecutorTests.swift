import GraphQLEngine
import Testing

@Suite struct ExecutorTests {
    @Test func fieldsAreReadFromJSONByTheDefaultResolverInSelectionOrder() async throws {
        let result = try await Fixtures.run("{ rider { name id nickname bike { wheels electric } } }")
        #expect(
            result
                == #"{"data":{"rider":{"name":"Ann","id":"r1","nickname":null,"bike":{"wheels":2,"electric":true}}}}"#)
    }

    @Test func aliasesAndRepeatedFieldsAreMergedIntoOneEntry() async throws {
        let result = try await Fixtures.run(
            "{ rider { a: name name friends { id } friends { name } a: name } first: riders { id } }")
        #expect(
            result
                == #"{"data":{"rider":{"a":"Ann","name":"Ann","friends":[{"id":"r2","name":"Bob"},{"id":"r3","name":"Cy"}]},"first":[{"id":"r1"},{"id":"r2"}]}}"#
        )
    }

    @Test func fragmentsOnUnionsAndInterfacesApplyByRuntimeType() async throws {
        let result = try await Fixtures.run(
            """
            query {
              search {
                __typename
                ... on Vehicle { wheels }
                ... on Bike { electric }
                ...VanParts
                ... on Node { id }
                ... on Rider { name }
              }
            }
            fragment VanParts on Van { capacity }
            """)
        #expect(
            result
                == #"{"data":{"search":[{"__typename":"Bike","wheels":2,"electric":false,"id":"b1"},{"__typename":"Rider","id":"r9","name":"Zed"},{"__typename":"Van","wheels":6,"capacity":10,"id":"v2"}]}}"#
        )
    }

    @Test func anInterfaceFieldResolvesThroughATypeResolverWhenOneIsRegistered() async throws {
        let schema = try Fixtures.executable(typeResolvers: [
            "Vehicle": { value, _ in
                if case .json(.int(let wheels)) = value.fieldValue(named: "wheels") {
                    return wheels > 2 ? "Van" : "Bike"
                }
                return nil
            }
        ])
        let data: JSONValue = ["vehicle": ["id": "x", "wheels": 4, "capacity": 2]]
        let result = try await Fixtures.run("{ vehicle { __typename id } }", schema: schema, data: data)
        #expect(result == #"{"data":{"vehicle":{"__typename":"Van","id":"x"}}}"#)
    }

    @Test func anAbstractValueWithoutATypeNameIsAFieldError() async throws {
        let data: JSONValue = ["vehicle": ["id": "x", "wheels": 4]]
        let result = try await Fixtures.run("{ vehicle { id } }", schema: Fixtures.executable(), data: data)
        #expect(
            result
                == #"{"errors":[{"message":"Abstract type \"Vehicle\" must resolve to an Object type at runtime for field \"Query.vehicle\". Either the \"Vehicle\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.","locations":[{"line":1,"column":3}],"path":["vehicle"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"vehicle":null}}"#
        )
    }

    @Test func skipAndIncludeFollowLiteralsAndVariables() async throws {
        let query = """
            query ($yes: Boolean!, $no: Boolean!) {
              rider {
                id @skip(if: true)
                name @include(if: $yes)
                nickname @include(if: $no)
                ... on Rider @skip(if: $no) { bike { wheels } }
                ...F @include(if: false)
              }
            }
            fragment F on Rider { friends { id } }
            """
        let result = try await Fixtures.run(query, variables: ["yes": true, "no": false])
        #expect(result == #"{"data":{"rider":{"name":"Ann","bike":{"wheels":2}}}}"#)
    }

    @Test func argumentsAreCoercedWithDefaultsAndVariables() async throws {
        let schema = try Fixtures.executable(resolvers: [
            "Query": [
                "echo": .sync { field in
                    let text = field.arguments["text", as: String.self] ?? "-"
                    let count = field.arguments["count", as: Int.self].map(String.init) ?? "none"
                    let status = field.arguments["status"].map(\.jsonString) ?? "absent"
                    let filter = field.arguments["filter"].map(\.jsonString) ?? "absent"
                    return .string("\(text)|\(count)|\(status)|\(filter)")
                }
            ]
        ])
        let result = try await Fixtures.run(
            """
            query ($n: Int, $f: Filter) {
              a: echo
              b: echo(text: "hi", count: $n, status: CLOSED)
              c: echo(filter: $f)
              d: echo(filter: {limit: 3, tags: "x"})
            }
            """, schema: schema, variables: ["n": 7, "f": ["status": "CLOSED"]])
        #expect(
            result
                == #"{"data":{"a":"default|none|absent|absent","b":"hi|7|\"CLOSED\"|absent","c":"default|none|absent|{\"status\":\"CLOSED\",\"limit\":10}","d":"default|none|absent|{\"status\":\"OPEN\",\"limit\":3,\"tags\":[\"x\"]}"}}"#
        )
    }

    @Test func anOperationIsChosenByName() async throws {
        let query = "query A { status } query B { numbers }"
        #expect(try await Fixtures.run(query, operationName: "B") == #"{"data":{"numbers":[1,2,3]}}"#)
        #expect(
            try await Fixtures.run(query)
                == #"{"errors":[{"message":"Must provide operation name if query contains multiple operations.","extensions":{"code":"OPERATION_RESOLUTION_FAILURE"}}]}"#
        )
        #expect(
            try await Fixtures.run(query, operationName: "C")
                == #"{"errors":[{"message":"Unknown operation named \"C\".","extensions":{"code":"OPERATION_RESOLUTION_FAILURE"}}]}"#
        )
        #expect(
            try await Fixtures.run("fragment F on Query { status }")
                == #"{"errors":[{"message":"Must provide an operation.","extensions":{"code":"OPERATION_RESOLUTION_FAILURE"}}]}"#
        )
    }

    @Test func anOperationWhoseRootTypeIsMissingIsARequestError() async throws {
        let schema = try Fixtures.executable("type Query { a: Int }")
        let result = try await Fixtures.run("mutation { a }", schema: schema, data: [:])
        #expect(
            result
                == #"{"errors":[{"message":"Schema is not configured to execute mutation operation.","locations":[{"line":1,"column":1}],"extensions":{"code":"OPERATION_RESOLUTION_FAILURE"}}]}"#
        )
    }

    @Test func enumsAndScalarsAreSerializedByTheirTypes() async throws {
        let result = try await Fixtures.run("{ status floats numbers }")
        #expect(result == #"{"data":{"status":"ASSIGNED","floats":[1,0.1,1e+21,0],"numbers":[1,2,3]}}"#)
        let bad = try await Fixtures.run(
            "{ status numbers }", schema: Fixtures.executable(), data: ["status": "NOPE", "numbers": [1, "x", 2.5]])
        #expect(
            bad
                == #"{"errors":[{"message":"Enum \"Status\" cannot represent value: \"NOPE\"","locations":[{"line":1,"column":3}],"path":["status"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},{"message":"Int cannot represent non-integer value: \"x\"","locations":[{"line":1,"column":10}],"path":["numbers",1],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},{"message":"Int cannot represent non-integer value: 2.5","locations":[{"line":1,"column":10}],"path":["numbers",2],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"status":null,"numbers":[1,null,null]}}"#
        )
    }

    @Test func aNonListValueForAListFieldIsAnError() async throws {
        let result = try await Fixtures.run("{ numbers }", schema: Fixtures.executable(), data: ["numbers": 5])
        #expect(
            result
                == #"{"errors":[{"message":"Expected Iterable, but did not find one for field \"Query.numbers\".","locations":[{"line":1,"column":3}],"path":["numbers"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"numbers":null}}"#
        )
    }

    @Test func resolverErrorsCarryMessagePathLocationsAndCode() async throws {
        struct Hidden: Error {}
        let schema = try ExecutableSchema(
            schema: try buildSchema(sdl: Fixtures.vehiclesSDL),
            resolvers: [
                "Rider": [
                    "nickname": .sync { _ in
                        throw GraphQLError(message: "No nickname", extensions: [("code", "NOT_FOUND")])
                    },
                    "name": .sync { field in
                        if field.path == [.key("riders"), .index(1), .key("name")] { throw Hidden() }
                        return field.parent.fieldValue(named: "name")
                    },
                ]
            ])
        let result = try await Fixtures.run("{ rider { nickname } riders { name } }", schema: schema)
        #expect(
            result
                == #"{"errors":[{"message":"No nickname","locations":[{"line":1,"column":11}],"path":["rider","nickname"],"extensions":{"code":"NOT_FOUND"}},{"message":"Internal server error","locations":[{"line":1,"column":31}],"path":["riders",1,"name"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}"#
        )
    }

    @Test func asyncResolversAndSyncResolversMix() async throws {
        let schema = try Fixtures.executable(resolvers: [
            "Query": [
                "rider": .async { _ in
                    try await Task.sleep(for: .milliseconds(5))
                    return .object(["id": "a1", "name": "Async"] as JSONValue)
                }
            ],
            "Rider": ["nickname": .sync { field in .string("nick-\(field.arguments.entries.count)") }],
        ])
        let result = try await Fixtures.run("{ rider { id name nickname } status }", schema: schema)
        #expect(result == #"{"data":{"rider":{"id":"a1","name":"Async","nickname":"nick-0"},"status":"ASSIGNED"}}"#)
    }

    @Test func theRequestContextReachesResolversTyped() async throws {
        struct Viewer: Sendable { let name: String }
        let schema = try Fixtures.executable(resolvers: [
            "Query": ["echo": .sync { field in .string(try field.context(as: Viewer.self).name) }]
        ])
        let result = try await Fixtures.run("{ echo }", schema: schema, context: Viewer(name: "ctx"))
        #expect(result == #"{"data":{"echo":"ctx"}}"#)
    }
}
