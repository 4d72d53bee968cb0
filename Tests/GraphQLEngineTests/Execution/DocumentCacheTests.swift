import Testing

@testable import GraphQLEngine

@Suite struct DocumentCacheTests {
    static func document(_ text: String) throws -> DocumentCache.Entry {
        .document(PreparedDocument(try Parser.parse(text)))
    }

    @Test func aCachedTextIsReturnedAndCounted() async throws {
        let cache = DocumentCache(maxEntries: 4)
        #expect(cache.entry(for: "{ a }") == nil)
        cache.store(try Self.document("{ a }"), for: "{ a }")
        guard case .document(let document)? = cache.entry(for: "{ a }") else {
            Issue.record("missing entry")
            return
        }
        #expect(document.document.definitions.count == 1)
        #expect(cache.hits == 1)
        #expect(cache.misses == 1)
    }

    @Test func theCacheStaysWithinItsEntryCapAndKeepsRecentlyUsedEntries() async throws {
        let cache = DocumentCache(maxEntries: 3)
        for name in ["a", "b", "c"] { cache.store(try Self.document("{ \(name) }"), for: name) }
        _ = cache.entry(for: "a")
        cache.store(try Self.document("{ d }"), for: "d")
        #expect(cache.count == 3)
        #expect(cache.entry(for: "a") != nil)
        #expect(cache.entry(for: "b") == nil)
        for index in 0..<100 { cache.store(.errors([]), for: "q\(index)") }
        #expect(cache.count == 3)
    }

    @Test func theCacheStaysWithinItsByteCap() async throws {
        let cache = DocumentCache(maxEntries: 100, maxBytes: 10)
        cache.store(.errors([]), for: "12345")
        cache.store(.errors([]), for: "67890")
        cache.store(.errors([]), for: "abc")
        #expect(cache.count == 2)
        cache.store(.errors([]), for: String(repeating: "x", count: 11))
        #expect(cache.count == 2)
    }

    @Test func concurrentUseIsSafe() async throws {
        let cache = DocumentCache(maxEntries: 8)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let key = "k\(index % 20)"
                    if cache.entry(for: key) == nil { cache.store(.errors([]), for: key) }
                }
            }
        }
        #expect(cache.count <= 8)
    }
}

@Suite struct GraphQLServiceTests {
    @Test func aRequestRunsEndToEndAndSyntaxErrorsBecomeResponses() async throws {
        let schema = try Fixtures.executable()
        let service = GraphQLService(schema: schema)
        let ok = await service.execute(
            GraphQLRequest(query: "query Q($n: Boolean!) { numbers @include(if: $n) status }", variables: ["n": true]),
            rootValue: Fixtures.data)
        #expect(ok.jsonString() == #"{"data":{"numbers":[1,2,3],"status":"ASSIGNED"}}"#)
        let bad = await service.execute(GraphQLRequest(query: "{ numbers "), rootValue: Fixtures.data)
        #expect(
            bad.jsonString()
                == #"{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":11}],"extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}"#
        )
        #expect(service.cache?.count == 2)
    }

    @Test func aValidatorsErrorsAreAnsweredWithoutExecuting() async throws {
        let service = GraphQLService(
            schema: try Fixtures.executable(),
            validator: { _, document, _ in
                document.definitions.count > 1 ? [GraphQLError(message: "One operation only.")] : []
            })
        let response = await service.execute(GraphQLRequest(query: "{ status } query B { status }"))
        #expect(response.jsonString() == #"{"errors":[{"message":"One operation only."}]}"#)
    }
}

@Suite struct ServiceWithValidationTests {
    @Test func theEnginesValidatorStopsAnInvalidDocumentBeforeExecution() async throws {
        let service = GraphQLService(
            schema: try Fixtures.executable(), validator: { validate(schema: $0, document: $1, suggestions: $2) })
        let response = await service.execute(GraphQLRequest(query: "{ status nope }"), rootValue: Fixtures.data)
        #expect(response.data == nil)
        #expect(response.errors.map(\.message) == [#"Cannot query field "nope" on type "Query"."#])
        let ok = await service.execute(GraphQLRequest(query: "{ status }"), rootValue: Fixtures.data)
        #expect(ok.jsonString() == #"{"data":{"status":"ASSIGNED"}}"#)
    }
}

@Suite struct SelectedTypeNamesTests {
    @Test func anOperationReportsTheTypesItsFieldsCanProduceThroughFragmentsAndAbstractTypes() throws {
        let schema = try buildSchema(
            sdl: """
                interface Node { id: ID! }
                type Car implements Node { id: ID!, owner: Person }
                type Bike implements Node { id: ID! }
                type Person { name: String, friends: [Person] }
                union Thing = Car | Bike
                type Query { node: Node, things: [Thing], person: Person, count: Int }
                """)
        let document = try Parser.parse(
            """
            query A { count }
            query B { node { id ...C } }
            query D { person { ...F } }
            fragment C on Car { owner { name } }
            fragment F on Person { friends { ...F } }
            """)
        let prepared = PreparedDocument(document, schema: schema)
        func types(_ name: String) throws -> Set<String> {
            guard case .success(let operation) = prepared.operation(named: name) else {
                throw CancellationError()
            }
            return operation.selectedTypeNames
        }
        #expect(try types("A") == ["Int"])
        #expect(try types("B") == ["Node", "Car", "Bike", "ID", "Person", "String"])
        #expect(try types("D") == ["Person"])
        func fields(_ name: String) throws -> Set<String> {
            guard case .success(let operation) = prepared.operation(named: name) else {
                throw CancellationError()
            }
            return operation.selectedFields
        }
        #expect(try fields("A") == ["Query.count"])
        // A field selected on an interface counts on each of its object types.
        #expect(try fields("B") == ["Query.node", "Car.id", "Bike.id", "Car.owner", "Person.name"])
        #expect(try fields("D") == ["Query.person", "Person.friends"])
    }
}
