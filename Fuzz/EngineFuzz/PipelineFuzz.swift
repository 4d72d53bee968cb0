// The whole pipeline for one fuzzed input, as the gateway runs a request: a
// GraphQLService with the gateway's default limits and the engine's
// validator parses, checks (nesting through fragments, depth, cost...),
// validates and executes the document against Fuzz/schema.graphql with
// trivial resolvers, and the response is written as JSON, all in a task that
// prefers an executor whose one thread has the stack of a database thread
// (1 MiB), where the gateway runs its executions. A stack overflow there is a
// crash the fuzzer reports.
//
// Variables: the input's last line starting with "#json " (a comment to the
// parser) is read as the request's variables object, when it is one.

import Foundation

/// One thread with a database thread's stack, as a `TaskExecutor`.
final class DatabaseThreadExecutor: TaskExecutor, @unchecked Sendable {
    // `@unchecked`: `jobs` is only touched with `condition` locked.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    init(stackBytes: Int) {
        let thread = Thread { [self] in work() }
        thread.stackSize = stackBytes
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        let executor = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: executor)
        }
    }

    /// Runs `body` on the thread and blocks the caller until it is done.
    func runAndWait(_ body: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: self) {
            await body()
            done.signal()
        }
        done.wait()
    }
}

/// Resolvers that answer every field of every object type with a value of
/// its type: two items for a list, an object naming its type (the first
/// possible one for an interface or union), and a fixed value per scalar or
/// enum. What the fields are asked for is then all the execution does.
func trivialResolvers(for schema: GraphQLSchema) -> ResolverMap {
    func value(_ type: TypeRef) -> JSONValue {
        switch type {
        case .nonNull(let inner): return value(inner)
        case .list(let item): return .list([value(item), value(item)])
        case .named(let name):
            switch schema.type(named: name) {
            case .scalar:
                switch name {
                case "Int": return 1
                case "Float": return 1.5
                case "Boolean": return true
                default: return "x"
                }
            case .enumType(let enumType): return enumType.values.first.map { .string($0.name) } ?? .null
            case .some(let named) where named.isAbstractType:
                let concrete = schema.possibleTypes(of: named).first?.name ?? name
                return ["__typename": .string(concrete)]
            default: return ["__typename": .string(name)]
            }
        }
    }
    var resolvers: ResolverMap = [:]
    for type in schema.types {
        guard case .object(let object) = type, !object.name.hasPrefix("__") else { continue }
        var fields: [String: FieldResolver] = [:]
        for field in object.fields {
            let answer = value(field.type)
            fields[field.name] = .sync { _ in .json(answer) }
        }
        resolvers[object.name] = fields
    }
    return resolvers
}

let pipelineService: GraphQLService? = {
    guard let schema = fuzzSchema,
        let executable = try? ExecutableSchema(schema: schema, resolvers: trivialResolvers(for: schema))
    else { return nil }
    // The gateway's defaults (introspection on, as in development), with fewer
    // tokens and a lower cost ceiling to keep each input quick: the nesting
    // limit, which bounds the stack, is the gateway's.
    return GraphQLService(
        schema: executable, validator: { validate(schema: $0, document: $1, suggestions: $2) }, cache: nil,
        limits: QueryLimits(maxTokens: 5_000, maxCost: 2_000, executionTimeout: .seconds(5)))
}()

let databaseThread = DatabaseThreadExecutor(stackBytes: 1 << 20)

func fuzzPipeline(_ bytes: [UInt8]) {
    guard let service = pipelineService else { fatalError("Fuzz/schema.graphql is missing or invalid") }
    let text = String(decoding: bytes, as: UTF8.self)
    var variables: [String: JSONValue] = [:]
    if let line = text.split(separator: "\n").last(where: { $0.hasPrefix("#json ") }),
        case .object(let entries)? = try? JSONValue(parsingJSON: String(line.dropFirst(6)))
    {
        for entry in entries where variables[entry.key] == nil { variables[entry.key] = entry.value }
    }
    let request = GraphQLRequest(query: text, variables: variables)
    databaseThread.runAndWait {
        let response = await service.execute(request)
        _ = response.jsonBytes()
    }
}
