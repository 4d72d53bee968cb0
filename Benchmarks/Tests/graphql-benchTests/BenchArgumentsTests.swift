import Testing

@testable import graphql_bench

@Suite struct BenchArgumentsTests {
    @Test func parsingReadsEveryOptionAndDefaultsTheCounts() throws {
        let arguments = try BenchArguments(parsing: [
            "--engine", "graphqlswift", "--schema", "s.graphql", "--data", "d.json", "--query", "q.graphql",
        ])
        #expect(arguments.engine == "graphqlswift")
        #expect(arguments.schemaPath == "s.graphql")
        #expect(arguments.dataPath == "d.json")
        #expect(arguments.queryPath == "q.graphql")
        #expect(arguments.variablesPath == nil)
        #expect(arguments.operationName == nil)
        #expect(arguments.iterations == 100)
        #expect(arguments.warmup == 10)
    }

    @Test func optionalOptionsAreReadAndWarmUpFollowsIterations() throws {
        let arguments = try BenchArguments(parsing: [
            "--engine", "ours", "--schema", "s", "--data", "d", "--query", "q", "--variables", "v.json",
            "--operation", "Board", "--iterations", "5",
        ])
        #expect(arguments.variablesPath == "v.json")
        #expect(arguments.operationName == "Board")
        #expect(arguments.iterations == 5)
        #expect(arguments.warmup == 1)
    }

    @Test func anUnknownOptionIsAUsageError() {
        #expect(throws: UsageError.self) {
            try BenchArguments(parsing: ["--engine", "ours", "--speed", "fast"])
        }
    }

    @Test func aMissingRequiredOptionIsAUsageError() {
        #expect(throws: UsageError.self) {
            try BenchArguments(parsing: ["--engine", "ours", "--schema", "s", "--data", "d"])
        }
    }

    @Test func aNonNumericIterationCountIsAUsageError() {
        #expect(throws: UsageError.self) {
            try BenchArguments(parsing: [
                "--engine", "ours", "--schema", "s", "--data", "d", "--query", "q", "--iterations", "many",
            ])
        }
    }
}
