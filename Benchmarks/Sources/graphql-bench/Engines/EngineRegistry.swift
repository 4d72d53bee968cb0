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
            return try OurEngine(inputs: inputs)
        default:
            throw UsageError("unknown engine \(name); one of \(names.joined(separator: ", "))")
        }
    }
}
