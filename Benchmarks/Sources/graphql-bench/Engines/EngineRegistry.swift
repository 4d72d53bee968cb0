/// The engines `--engine` can name. Adding one is a case here and a file beside
/// this one that conforms to `BenchEngine`.
enum EngineRegistry {
    static let names = ["ours", "graphqlswift"]

    static func makeEngine(named name: String, inputs: BenchInputs) throws(UsageError) -> any BenchEngine {
        switch name {
        case "graphqlswift":
            do {
                return try GraphQLSwiftEngine(inputs: inputs)
            } catch {
                throw UsageError("graphqlswift: cannot set up the workload: \(error)")
            }
        case "ours":
            // The only place that knows our engine is missing: once `GraphQLEngine`
            // has an executor, this becomes `return try OurEngine(inputs: inputs)`
            // (with OurEngine.swift beside this file and the package dependency).
            throw UsageError("engine ours not built yet")
        default:
            throw UsageError("unknown engine \(name); one of \(names.joined(separator: ", "))")
        }
    }
}
