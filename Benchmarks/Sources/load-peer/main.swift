// load-peer: the gateway's three load-test reads issued directly through
// MongoStore (libmongoc, in this process), with the same concurrency as the wrk
// run, so the gateway's own cost (HTTP, authentication, parse/validate/execute,
// JSON) shows as a ratio against the database work alone.
//
//   MONGODB_URI=... SUPPORTCARR_DB=... load-peer QUERY --concurrency C --duration S [inputs]
//   QUERY: nearby (--lng X --lat Y [--max-distance M] [--first N]) | history (--rider ID) | rescues
//
// Prints one JSON line: {"query", "concurrency", "seconds", "requests", "errors", "rps", "p50_ms", "p99_ms"}.
// `load-peer inputs` prints the inputs the load script uses (a rider with rescues, an online driver's position).
import Foundation
import MongoStore

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("load-peer: \(message)\n".utf8))
    exit(2)
}

let environment = ProcessInfo.processInfo.environment
guard let uri = environment["MONGODB_URI"], !uri.isEmpty else { fail("set MONGODB_URI") }
let databaseName = environment["SUPPORTCARR_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "supportcarr"
guard let command = arguments.first else { fail("name a query: nearby, history, rescues, or inputs") }

let poolSize = Int(option("pool") ?? "") ?? MongoClientConfiguration.defaultMaxPoolSize
let client = try MongoClient(MongoClientConfiguration(uri: uri, maxPoolSize: poolSize, appName: "load-peer"))
let database = client.database(databaseName)

if command == "inputs" {
    try await printInputs(database)
    exit(0)
}

let workload: Workload
switch command {
case "nearby":
    guard let lng = option("lng").flatMap(Double.init), let lat = option("lat").flatMap(Double.init) else {
        fail("nearby needs --lng and --lat")
    }
    workload = .nearby(
        lng: lng, lat: lat, maxDistance: Int(option("max-distance") ?? "") ?? 5000,
        first: Int(option("first") ?? "") ?? 20)
case "history":
    guard let rider = option("rider").flatMap(ObjectID.init) else { fail("history needs --rider with an ObjectID") }
    workload = .history(rider: rider, first: Int(option("first") ?? "") ?? 20)
case "rescues":
    workload = .rescues(first: Int(option("first") ?? "") ?? 50)
default:
    fail("unknown query \(command)")
}
let concurrency = max(1, Int(option("concurrency") ?? "") ?? 8)
let duration = max(0.5, Double(option("duration") ?? "") ?? 10)

// One untimed run first: fails loudly on a wrong input instead of timing errors.
let documents = try await workload.run(database)
FileHandle.standardError.write(Data("load-peer: \(command) reads \(documents) documents per request\n".utf8))

// The workers run on the client's executor, as the gateway executes operations.
let result = await LoadRun.measure(concurrency: concurrency, seconds: duration, executor: client.taskExecutor) {
    try await workload.run(database)
}
print(result.json(query: command, concurrency: concurrency))
