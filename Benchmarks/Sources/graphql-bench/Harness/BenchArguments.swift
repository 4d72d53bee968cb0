/// The command line of `graphql-bench`, parsed by hand so the benchmark package
/// needs no argument-parsing dependency.
///
/// `graphql-bench --engine ours|graphqlswift --schema FILE.graphql --data FILE.json
///  --query FILE.graphql [--variables FILE.json] [--operation NAME] [--iterations N]
///  [--warmup N]`
struct BenchArguments: Sendable {
    var engine: String
    var schemaPath: String
    var dataPath: String
    var queryPath: String
    var variablesPath: String?
    var operationName: String?
    var iterations: Int
    /// Untimed iterations run first so caches, allocators and lazily built schema
    /// parts are warm; defaults to a tenth of `iterations` (at least one).
    var warmup: Int

    static let usage = """
        usage: graphql-bench --engine ours|graphqlswift --schema FILE.graphql --data FILE.json \
        --query FILE.graphql [--variables FILE.json] [--operation NAME] [--iterations N] [--warmup N]
        """

    /// Reads the options from `arguments` (without the program name).
    init(parsing arguments: [String]) throws(UsageError) {
        var options: [String: String] = [:]
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let option = arguments[index]
            guard option.hasPrefix("--"), Self.knownOptions.contains(option) else {
                throw UsageError("unknown argument \(option)")
            }
            let valueIndex = arguments.index(after: index)
            guard valueIndex < arguments.endIndex else {
                throw UsageError("\(option) needs a value")
            }
            options[option] = arguments[valueIndex]
            index = arguments.index(after: valueIndex)
        }

        func required(_ name: String) throws(UsageError) -> String {
            guard let value = options[name] else { throw UsageError("missing \(name)") }
            return value
        }
        func count(_ name: String, default fallback: Int) throws(UsageError) -> Int {
            guard let text = options[name] else { return fallback }
            guard let value = Int(text), value >= 0 else {
                throw UsageError("\(name) must be a non-negative integer, got \(text)")
            }
            return value
        }

        engine = try required("--engine")
        schemaPath = try required("--schema")
        dataPath = try required("--data")
        queryPath = try required("--query")
        variablesPath = options["--variables"]
        operationName = options["--operation"]
        iterations = max(1, try count("--iterations", default: 100))
        warmup = try count("--warmup", default: max(1, iterations / 10))
    }

    private static let knownOptions: Set<String> = [
        "--engine", "--schema", "--data", "--query", "--variables", "--operation", "--iterations", "--warmup",
    ]
}

/// A mistake on the command line or an unreadable input file: reported on
/// standard error with exit status 2. Never used for a bad GraphQL document,
/// which is the workload's business and ends up in `result`.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
