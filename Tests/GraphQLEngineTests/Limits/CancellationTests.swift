import GraphQLEngine
import Testing

/// Execution stops at the next boundary once its task is cancelled, starts
/// no resolver after that, and answers with a `TIMEOUT` error.
@Suite struct CancellationTests {
    actor Calls {
        var names: [String] = []
        func record(_ name: String) { names.append(name) }
    }

    /// `rider` cancels the task running the execution (it runs inline, being
    /// the level's only async value); `best` and `name` below it count their calls.
    static func schema(_ calls: Calls) throws -> ExecutableSchema {
        try LimitFixtures.executable(resolvers: [
            "Query": [
                "rider": .async { _ in
                    await calls.record("rider")
                    withUnsafeCurrentTask { $0?.cancel() }
                    return .json(["id": "r1"])
                }
            ],
            "Rider": [
                "name": .sync { _ in .json("Ann") },
                "best": .async { _ in
                    await calls.record("best")
                    return .json(["id": "r2"])
                },
            ],
            "Mutation": [
                "touch": .async { _ in
                    await calls.record("touch")
                    withUnsafeCurrentTask { $0?.cancel() }
                    return .json(1)
                }
            ],
        ])
    }

    @Test func noResolverStartsAfterTheTaskIsCancelled() async throws {
        let calls = Calls()
        let schema = try Self.schema(calls)
        let document = try Parser.parse("{ rider { name best { id } } }")
        // In a task of its own: the resolver cancels the task it runs on.
        let response = await Task { await execute(schema: schema, document: document) }.value
        #expect(await calls.names == ["rider"])
        #expect(response.data == nil)
        #expect(response.errors.map(\.code) == ["TIMEOUT"])
        #expect(response.jsonString().contains(#""code":"TIMEOUT""#))
    }

    @Test func serialMutationFieldsStopAtTheNextRootField() async throws {
        let calls = Calls()
        let schema = try Self.schema(calls)
        let document = try Parser.parse("mutation { a: touch b: touch }")
        let response = await Task { await execute(schema: schema, document: document) }.value
        #expect(await calls.names == ["touch"])
        #expect(response.errors.map(\.code) == ["TIMEOUT"])
    }

    @Test func anExecutionCancelledBeforeItStartsRunsNoResolverAtAll() async throws {
        let calls = Calls()
        let schema = try Self.schema(calls)
        let document = try Parser.parse("{ rider { id } }")
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await execute(schema: schema, document: document)
        }
        let response = await task.value
        #expect(await calls.names.isEmpty)
        #expect(response.errors.map(\.code) == ["TIMEOUT"])
    }

    @Test func theServiceStopsAnExecutionPastItsTimeoutBeforeTheNextLevel() async throws {
        let calls = Calls()
        var limits = QueryLimits.none
        limits.executionTimeout = .milliseconds(20)
        let service = try LimitFixtures.service(
            limits,
            resolvers: [
                "Query": [
                    "rider": .async { _ in
                        await calls.record("rider")
                        try await Task.sleep(for: .milliseconds(60))
                        return .json(["id": "r1"])
                    }
                ],
                "Rider": [
                    "best": .async { _ in
                        await calls.record("best")
                        return .json(["id": "r2"])
                    }
                ],
            ])
        let response = await service.execute(GraphQLRequest(query: "{ rider { best { id } } }"))
        #expect(response.errors.map(\.code) == ["TIMEOUT"])
        #expect(response.errors.first?.message == "The request took too long and was stopped before it completed.")
        #expect(await calls.names == ["rider"])
    }

    @Test func aServerCancellingTheTaskInterruptsAnAwaitThatHonoursCancellation() async throws {
        let calls = Calls()
        let service = try LimitFixtures.service(
            QueryLimits.none,
            resolvers: [
                "Query": [
                    "rider": .async { _ in
                        await calls.record("rider")
                        do {
                            try await Task.sleep(for: .seconds(600))
                        } catch {
                            await calls.record("rider cancelled")
                            throw error
                        }
                        return .json(["id": "r1"])
                    }
                ]
            ])
        let task = Task { await service.execute(GraphQLRequest(query: "{ rider { id } }")) }
        while await calls.names.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        let response = await task.value
        #expect(response.errors.map(\.code) == ["TIMEOUT"])
        #expect(await calls.names == ["rider", "rider cancelled"])
    }

    @Test func aFastExecutionWithinTheTimeoutIsAnsweredNormally() async throws {
        var limits = QueryLimits.none
        limits.executionTimeout = .seconds(5)
        let service = try LimitFixtures.service(limits)
        let response = await service.execute(
            GraphQLRequest(query: "{ tags }"), rootValue: ["tags": ["a", "b"]] as JSONValue)
        #expect(response.jsonString() == #"{"data":{"tags":["a","b"]}}"#)
    }
}
