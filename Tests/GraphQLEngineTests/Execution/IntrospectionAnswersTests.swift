import Synchronization
import Testing

@testable import GraphQLEngine

/// Counts the executions that really ran (a kept answer runs none).
final class ExecutionCounter: ExecutionInstrumentation {
    let executions = Mutex(0)

    func run<R>(_ stage: ExecutionStage, _ body: () throws -> R) rethrows -> R { try body() }

    func run<R>(_ stage: ExecutionStage, _ body: () async -> R) async -> R {
        if case .execute = stage { executions.withLock { $0 += 1 } }
        return await body()
    }

    var count: Int { executions.withLock { $0 } }
}

@Suite struct IntrospectionAnswersTests {
    static func service(cache: DocumentCache, counter: ExecutionCounter) throws -> GraphQLService {
        GraphQLService(
            schema: try Fixtures.executable(), validator: { validate(schema: $0, document: $1, suggestions: $2) },
            cache: cache, instrumentation: counter)
    }

    @Test func anIntrospectionOnlyOperationIsAnsweredOnceAndTheSameBytesAfterwards() async throws {
        let cache = DocumentCache()
        let counter = ExecutionCounter()
        let service = try Self.service(cache: cache, counter: counter)
        let text = "query Q { __typename __schema { queryType { name } } } query R { status }"
        let first = await service.execute(GraphQLRequest(query: text, operationName: "Q"))
        #expect(first.jsonString() == #"{"data":{"__typename":"Query","__schema":{"queryType":{"name":"Query"}}}}"#)
        #expect(counter.count == 1)
        #expect(cache.answerBytes == IntrospectionAnswers.size(of: first))
        #expect(cache.answerBytes > 2 * first.jsonBytes().count)
        let again = await service.execute(GraphQLRequest(query: text, operationName: "Q"))
        #expect(again.jsonBytes() == first.jsonBytes())
        #expect(counter.count == 1)
        // The document's other operation reads data: run every time.
        for _ in 0..<2 {
            let data = await service.execute(
                GraphQLRequest(query: text, operationName: "R"), rootValue: Fixtures.data)
            #expect(data.jsonString() == #"{"data":{"status":"ASSIGNED"}}"#)
        }
        #expect(counter.count == 3)
    }

    @Test func answersWithVariablesOrErrorsAreNotKept() async throws {
        let cache = DocumentCache()
        let counter = ExecutionCounter()
        let service = try Self.service(cache: cache, counter: counter)
        let text = "query T($name: String!) { __type(name: $name) { name } }"
        for name in ["Query", "Query"] {
            let response = await service.execute(GraphQLRequest(query: text, variables: ["name": .string(name)]))
            #expect(response.jsonString() == #"{"data":{"__type":{"name":"Query"}}}"#)
        }
        // The same document without its required variable: an error, made afresh each time.
        for _ in 0..<2 {
            let missing = await service.execute(GraphQLRequest(query: text))
            #expect(missing.data == nil)
            #expect(!missing.errors.isEmpty)
        }
        #expect(cache.answerBytes == 0)
        #expect(counter.count == 4)
    }

    @Test func theBudgetBoundsWhatIsKeptAndAnEvictedDocumentGivesItsBytesBack() async throws {
        // What one `{ __typename }` answer is charged, measured on its own cache.
        let probe = try Self.service(cache: DocumentCache(), counter: ExecutionCounter())
        _ = await probe.execute(GraphQLRequest(query: "{ __typename }"))
        let small = probe.cache?.answerBytes ?? 0
        #expect(small > 0)
        // Room for one such answer, not two.
        let cache = DocumentCache(maxEntries: 2, maxAnswerBytes: small + small / 2)
        let counter = ExecutionCounter()
        let service = try Self.service(cache: cache, counter: counter)
        _ = await service.execute(GraphQLRequest(query: "{ __typename }"))
        #expect(cache.answerBytes == small)
        let other = await service.execute(GraphQLRequest(query: "{ t: __typename }"))
        #expect(other.jsonString() == #"{"data":{"t":"Query"}}"#)
        #expect(cache.answerBytes == small)
        _ = await service.execute(GraphQLRequest(query: "{ t: __typename }"))
        #expect(counter.count == 3)
        // Two more documents push both out of the cache: their answers' bytes come back.
        _ = await service.execute(GraphQLRequest(query: "{ status }"), rootValue: Fixtures.data)
        _ = await service.execute(GraphQLRequest(query: "{ numbers }"), rootValue: Fixtures.data)
        #expect(cache.entry(for: "{ __typename }") == nil)
        #expect(cache.answerBytes == 0)
        // An answer larger than the whole budget is never kept.
        let large = await service.execute(GraphQLRequest(query: "{ __schema { types { name } } }"))
        #expect(large.jsonBytes().count > small + small / 2)
        #expect(cache.answerBytes == 0)
    }

    @Test func withoutACacheNothingIsKept() async throws {
        let counter = ExecutionCounter()
        let service = GraphQLService(schema: try Fixtures.executable(), cache: nil, instrumentation: counter)
        for _ in 0..<2 {
            let response = await service.execute(GraphQLRequest(query: "{ __typename }"))
            #expect(response.jsonString() == #"{"data":{"__typename":"Query"}}"#)
        }
        #expect(counter.count == 2)
    }
    /// Sees `__schema` (as a gate on introspection would).
    struct SchemaGate: FieldMiddleware {
        func applies(to field: GraphQLField, of type: ObjectType) -> Bool { field.name == "__schema" }
        func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
            try next(field)
        }
    }

    @Test func withMiddlewareOnIntrospectionNothingIsKept() async throws {
        let cache = DocumentCache()
        let counter = ExecutionCounter()
        let service = GraphQLService(
            schema: try Fixtures.executable(middleware: [SchemaGate()]), cache: cache, instrumentation: counter)
        for _ in 0..<2 {
            let response = await service.execute(GraphQLRequest(query: "{ __schema { queryType { name } } }"))
            #expect(response.jsonString() == #"{"data":{"__schema":{"queryType":{"name":"Query"}}}}"#)
        }
        #expect(counter.count == 2)
        #expect(cache.answerBytes == 0)
    }
}
