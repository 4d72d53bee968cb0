import CMongoc
// mongo-bench: median latency of four operations through MongoStore and through
// raw libmongoc C calls, in the same process against the same server, runs
// interleaved (raw, ours, raw, ours...) so drift and noise hit both alike.
//
//   MONGODB_URI=... swift run -c release --package-path Benchmarks mongo-bench [--quick]
import Enforcement
import Foundation
import MongoStore

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
guard let uri = ProcessInfo.processInfo.environment["MONGODB_URI"], !uri.isEmpty else {
    FileHandle.standardError.write(Data("mongo-bench: set MONGODB_URI (scripts/db start --memory)\n".utf8))
    exit(2)
}

let driverCount = quick ? 2_000 : 10_000
let rounds = (findOne: quick ? 50 : 300, inIDs: quick ? 30 : 150, near: quick ? 10 : 40, insertMany: quick ? 5 : 20)
let databaseName = "bench_\(UInt32.random(in: 0...UInt32.max))"

// Client-side cost alone: building 1,000 driver documents into bson_t.
do {
    var r = SplitMix64(seed: 7)
    let docs = (0..<1_000).map { driverDocument(id: ObjectID(), index: $0, rng: &r) }
    let clock = ContinuousClock()
    var rawBuild: [Double] = []
    var ourBuild: [Double] = []
    var ourRead: [Double] = []
    for _ in 0..<20 {
        rawBuild.append(seconds(clock.measure { for d in docs { bson_destroy(try! RawBSON.make(d)) } }))
        var bytes: [[UInt8]] = []
        ourBuild.append(seconds(clock.measure { bytes = docs.map { try! $0.bsonBytes() } }))
        ourRead.append(seconds(clock.measure { for b in bytes { _ = try! BSONDocument(bsonBytes: b) } }))
    }
    print(
        String(
            format: "1,000 documents: raw bson build %.3f ms, MongoStore build %.3f ms, MongoStore read %.3f ms",
            median(rawBuild) * 1000, median(ourBuild) * 1000, median(ourRead) * 1000))
    if arguments.contains("--convert-only") { exit(0) }
}

/// One raw libmongoc pool and one MongoStore client, each with its own
/// connections. The server answers some connections steadily slower than
/// others (two raw pools measured 0.96-1.09x of each other, two MongoStore
/// clients 1.17x, alone, on the same data), so one pair would compare
/// connections as much as code: rounds rotate over several pairs, created in
/// alternating order.
struct Lane: Sendable {
    let raw: RawMongo
    let client: MongoClient
    var drivers: MongoCollection { client.database(databaseName).collection("drivers") }
    var inserts: MongoCollection { client.database(databaseName).collection("inserts") }
}

let lanes: [Lane] = try (0..<4).map { i in
    if i % 2 == 0 {
        let raw = try RawMongo(uri: uri, database: databaseName)
        return Lane(raw: raw, client: try MongoClient(uri: uri))
    }
    let client = try MongoClient(uri: uri)
    return Lane(raw: try RawMongo(uri: uri, database: databaseName), client: client)
}
let database = lanes[0].client.database(databaseName)
let drivers = lanes[0].drivers

// MARK: Data: drivers with a GeoJSON location around one city.
var rng = SplitMix64(seed: 42)
var ids: [ObjectID] = []
print("seeding \(driverCount) drivers...")
try await drivers.createIndex(IndexModel(keys: ["location": "2dsphere"]))
for start in stride(from: 0, to: driverCount, by: 1_000) {
    let batch: [BSONDocument] = (start..<min(start + 1_000, driverCount)).map { i in
        let id = ObjectID()
        ids.append(id)
        return driverDocument(id: id, index: i, rng: &rng)
    }
    try await drivers.insertMany(batch)
}

// MARK: Operations, each as (raw, ours), with their inputs drawn up front so
// the timed loop touches no shared state and can run on any executor.
@MainActor func randomID() -> ObjectID { ids[Int(rng.next() % UInt64(ids.count))] }
@MainActor func randomPoint() -> (Double, Double) {
    (-122.45 + Double(rng.next() % 10_000) / 100_000, 37.75 + Double(rng.next() % 10_000) / 100_000)
}
@Sendable func nearFilter(_ p: (Double, Double)) -> BSONDocument {
    ["location": ["$near": ["$geometry": ["type": "Point", "coordinates": [.double(p.0), .double(p.1)]]]]]
}
@MainActor func insertBatch() -> [BSONDocument] {
    (0..<1_000).map { i in driverDocument(id: ObjectID(), index: i, rng: &rng) }
}

/// Where the timed loop runs, so where `await ours()` starts from.
enum Caller: CaseIterable {
    /// A task that prefers `MongoClient.taskExecutor`, as the gateway runs a
    /// request: each call blocks the pool thread the task is on, no hop.
    case executor
    /// A plain task on Swift's cooperative pool: each call hops to a pool
    /// thread and back (two thread wake-ups).
    case cooperative
}

struct Series: Sendable {
    var raw: [Double] = []
    var ours: [Double] = []
}

let warmUp = 3

/// Times `raw` and `ours` alternately on each input (which goes first alternates,
/// so neither always meets a warmer server); the first `warmUp` rounds warm
/// connections, caches and code paths and are not counted.
func measure<Input: Sendable>(
    _ inputs: [Input], caller: Caller,
    raw: @escaping @Sendable (Lane, Input) throws -> Int, ours: @escaping @Sendable (Lane, Input) async throws -> Int
) async throws -> Series {
    let clock = ContinuousClock()
    /// Times one round on `lane`: raw and ours, in the order the round's parity says.
    @Sendable func round(_ round: Int, _ input: Input, _ lane: Lane) async throws -> (Duration, Duration) {
        var rawTime = Duration.zero
        var ourTime = Duration.zero
        func timeRaw() throws {
            let start = clock.now
            let n = try raw(lane, input)
            rawTime = clock.now - start
            precondition(n >= 0)
        }
        func timeOurs() async throws {
            let start = clock.now
            _ = try await ours(lane, input)
            ourTime = clock.now - start
        }
        if round % 2 == 0 {
            try timeRaw()
            try await timeOurs()
        } else {
            try await timeOurs()
            try timeRaw()
        }
        return (rawTime, ourTime)
    }
    return try await Task.detached {
        var series = Series()
        for (index, input) in inputs.enumerated() {
            let lane = lanes[index % lanes.count]
            let (rawTime, ourTime): (Duration, Duration)
            switch caller {
            case .executor:
                // Entering the preference hops to the lane's threads, outside the timing.
                (rawTime, ourTime) = try await withTaskExecutorPreference(lane.client.taskExecutor) {
                    try await round(index, input, lane)
                }
            case .cooperative:
                (rawTime, ourTime) = try await round(index, input, lane)
            }
            if index >= warmUp * lanes.count {
                series.raw.append(seconds(rawTime))
                series.ours.append(seconds(ourTime))
            }
        }
        return series
    }.value
}

var results: [(name: String, series: [Series])] = []

@MainActor func run<Input: Sendable>(
    _ name: String, rounds: Int, input: @MainActor () -> Input,
    raw: @escaping @Sendable (Lane, Input) throws -> Int, ours: @escaping @Sendable (Lane, Input) async throws -> Int
) async throws {
    var all: [Series] = []
    for caller in Caller.allCases {
        let inputs = (0..<(rounds + warmUp * lanes.count)).map { _ in input() }
        let series = try await measure(inputs, caller: caller, raw: raw, ours: ours)
        print(
            String(
                format: "%-22@ %-12@ raw %8.3f ms   MongoStore %8.3f ms   ratio %.3f", name as NSString,
                "\(caller)" as NSString, median(series.raw) * 1000, median(series.ours) * 1000,
                median(series.ours) / median(series.raw)))
        all.append(series)
    }
    results.append((name, all))
}

try await run(
    "findOne by _id", rounds: rounds.findOne, input: { randomID() },
    raw: { try $0.raw.find(filter: ["_id": .objectID($1)], limit: 1) },
    ours: { try await $0.drivers.findOne(["_id": .objectID($1)]) == nil ? 0 : 1 })

try await run(
    "$in of 100 ids", rounds: rounds.inIDs, input: { (0..<100).map { _ in BSONValue.objectID(randomID()) } },
    raw: { try $0.raw.find(filter: ["_id": ["$in": .array($1)]], limit: 0) },
    ours: { try await $0.drivers.find(["_id": ["$in": .array($1)]]).count })

try await run(
    "$near, limit 20", rounds: rounds.near, input: { randomPoint() },
    raw: { try $0.raw.find(filter: nearFilter($1), limit: 20) },
    ours: { try await $0.drivers.find(nearFilter($1), options: FindOptions(limit: 20)).count })

try await run(
    "insertMany of 1,000", rounds: rounds.insertMany, input: { insertBatch() },
    raw: { try $0.raw.insertMany($1) },
    ours: { try await $0.inserts.insertMany($1).insertedCount })

try await database.drop()

print(
    """

    Medians. "On its executor": the timed task prefers MongoClient.taskExecutor (as the
    gateway runs requests), so each call blocks the pool thread it is on. "From the
    cooperative pool": a plain task, each call hops to a pool thread and back.

    | operation | raw libmongoc | MongoStore on its executor | ratio | raw libmongoc | MongoStore from the cooperative pool | ratio |
    |---|---:|---:|---:|---:|---:|---:|
    """)
for (name, series) in results {
    let cells = series.map { s in
        String(
            format: "%.3f ms | %.3f ms | %.3f×", median(s.raw) * 1000, median(s.ours) * 1000,
            median(s.ours) / median(s.raw))
    }
    print("| \(name) | " + cells.joined(separator: " | ") + " |")
}

@Sendable func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

@Sendable func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func driverDocument(id: ObjectID, index: Int, rng: inout SplitMix64) -> BSONDocument {
    let lon = -122.45 + Double(rng.next() % 10_000) / 100_000
    let lat = 37.75 + Double(rng.next() % 10_000) / 100_000
    return [
        "_id": .objectID(id),
        "name": .string("Driver \(index)"),
        "status": rng.next() % 5 == 0 ? "offline" : "online",
        "rating": .double(3.5 + Double(rng.next() % 150) / 100),
        "completedRescues": .int32(Int32(rng.next() % 500)),
        "vehicle": ["make": "Ford", "model": "Transit", "plate": .string("SC-\(index)")],
        "location": ["type": "Point", "coordinates": [.double(lon), .double(lat)]],
        "updatedAt": .date(BSONDate.now()),
    ]
}

/// A small deterministic generator, so every run seeds the same data shape.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
