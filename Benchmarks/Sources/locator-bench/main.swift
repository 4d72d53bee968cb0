// locator-bench: `nearbyDrivers` from the driver locator against the database
// query, at the company model's scale (10,000 drivers), on the server
// MONGODB_URI names; also how soon a write reaches the locator, and what the
// index costs in memory per driver.
//
//   export MONGODB_URI=$(scripts/db start --memory --name bench)
//   swift run -c release --package-path Benchmarks locator-bench [--drivers N] [--rounds N]
//   scripts/db stop --name bench
import Foundation
import MongoStore
import Resolvers

#if canImport(Glibc)
    import Glibc
#endif

func argument(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let at = arguments.firstIndex(of: name), at + 1 < arguments.count, let n = Int(arguments[at + 1]) else {
        return value
    }
    return n
}

let driverCount = argument("--drivers", default: 10_000)
let rounds = argument("--rounds", default: 200)
guard let uri = ProcessInfo.processInfo.environment["MONGODB_URI"] else {
    print("MONGODB_URI is not set: export MONGODB_URI=$(scripts/db start --memory --name bench)")
    exit(2)
}
// MARK: Memory per driver, first (before anything else has used the heap): the
// resident memory an index of 100,000 drivers adds, from /proc/self/statm.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
        let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}
do {
    let count = 100_000
    let points = (0..<count).map { _ in
        (
            DriverLocatorIndex.DriverID(ObjectID()),
            DriverLocatorIndex.Point(lng: Double.random(in: (-123)...(-121)), lat: Double.random(in: 37...38.5))
        )
    }
    let before = residentBytes()
    var index = DriverLocatorIndex()
    for (id, point) in points { index.place(id, at: point) }
    let after = residentBytes()
    print(
        "index of \(count) drivers: \((after - before) / count) bytes per driver resident "
            + "(\((after - before) / 1_048_576) MiB)")
    withExtendedLifetime(index) {}
}

let city = (lng: -122.42, lat: 37.77)

// MARK: Data: drivers over about 60 km of a city, seven in ten free and approved.
let client = try MongoClient(uri: uri)
let database = client.database("locator_bench")
try await database.drop()
let drivers = database.collection("driverprofiles")
// The catalogue's driver-matching index (docs/DATA-MODEL.md, "Performance-critical indexes").
_ = try await drivers.createIndex(
    IndexModel(keys: ["location": "2dsphere", "isOnline": 1, "isAvailable": 1, "status": 1]))
print("seeding \(driverCount) drivers...")
var ids: [ObjectID] = []
for start in stride(from: 0, to: driverCount, by: 1_000) {
    let batch: [BSONDocument] = (start..<min(driverCount, start + 1_000)).map { i in
        let id = ObjectID()
        ids.append(id)
        return [
            "_id": .objectID(id), "userId": .objectID(ObjectID()),
            "name": .string("v1:dev-2:" + String(repeating: "x", count: 60)),
            "email": .string("v1:dev-2:" + String(repeating: "y", count: 70)),
            "location": [
                "type": "Point",
                "coordinates": [
                    .double(city.lng + Double.random(in: -0.35...0.35)),
                    .double(city.lat + Double.random(in: -0.27...0.27)),
                ],
            ],
            "isOnline": .bool(i % 10 < 8), "isAvailable": .bool(i % 10 != 3),
            "status": .string(i % 20 == 0 ? "suspended" : "approved"), "rating": 4.7, "ratingCount": 30,
            "completedRescues": 12, "totalEarnings": 123_400,
        ]
    }
    try await drivers.insertMany(batch)
}

// MARK: The locator, on a client of its own as the server runs it.
let locatorClient = try MongoClient(MongoClientConfiguration(uri: uri, maxPoolSize: 2, appName: "locator-bench"))
let locator = DriverLocator(database: locatorClient.database("locator_bench"))
let run = Task { await locator.run() }
let loadStarted = ContinuousClock.now
while !locator.status.isServing {
    try await Task.sleep(for: .milliseconds(5))
    if ContinuousClock.now - loadStarted > .seconds(120) {
        print("the locator did not become live")
        exit(1)
    }
}
print("locator live after \(ContinuousClock.now - loadStarted) with \(locator.status.drivers) drivers")

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func point() -> (Double, Double) {
    (
        city.lng + Double.random(in: -0.3...0.3),
        city.lat + Double.random(in: -0.22...0.22)
    )
}

let qualifying: BSONDocument = ["isOnline": true, "isAvailable": true, "status": "approved"]

/// The resolver's database path: `$geoWithin` with the status filters, distances and the cut here.
func databaseQuery(_ lng: Double, _ lat: Double, _ meters: Int, _ first: Int) async throws -> Int {
    let found = try await drivers.find(
        NearbyDrivers.filter(lng: lng, lat: lat, maxDistance: meters), options: FindOptions(limit: 5_000))
    return NearbyDrivers.nearest(found, lng: lng, lat: lat, maxDistance: Double(meters), first: first).count
}

/// The resolver's locator path: the ranked ids (first + 10), one read by `_id`, the cut from the documents.
func locatorQuery(_ lng: Double, _ lat: Double, _ meters: Int, _ first: Int) async throws -> Int {
    guard let ranked = locator.nearest(lng: lng, lat: lat, maxDistance: Double(meters), limit: first + 10) else {
        return -1
    }
    if ranked.isEmpty { return 0 }
    var filter = qualifying
    filter["_id"] = ["$in": .array(ranked.map { .objectID($0.id.objectID) })]
    let found = try await drivers.find(filter, options: FindOptions(batchSize: ranked.count))
    return NearbyDrivers.nearest(found, lng: lng, lat: lat, maxDistance: Double(meters), first: first).count
}

// MARK: Latency: the same points for each way, interleaved (which goes first alternates).
for (meters, first) in [(5_000, 20), (50_000, 20)] {
    var database: [Double] = []
    var withFetch: [Double] = []
    var indexOnly: [Double] = []
    let count = meters == 5_000 ? rounds : max(20, rounds / 4)
    for round in 0..<count {
        let (lng, lat) = point()
        var answers: [Int] = []
        for way in (round % 2 == 0 ? [0, 1, 2] : [2, 1, 0]) {
            let started = ContinuousClock.now
            switch way {
            case 0: answers.append(try await databaseQuery(lng, lat, meters, first))
            case 1: answers.append(try await locatorQuery(lng, lat, meters, first))
            default:
                answers.append(
                    locator.nearest(lng: lng, lat: lat, maxDistance: Double(meters), limit: first)?.count ?? -1)
            }
            let elapsed = milliseconds(ContinuousClock.now - started)
            switch way {
            case 0: database.append(elapsed)
            case 1: withFetch.append(elapsed)
            default: indexOnly.append(elapsed)
            }
        }
        if Set(answers).count != 1 { print("round \(round): answers differ in size: \(answers)") }
    }
    print(
        """
        nearbyDrivers within \(meters) m, first \(first), \(driverCount) drivers, \(count) points:
          database query ($geoWithin + distances here)  p50 \(String(format: "%8.3f", percentile(database, 0.5))) ms  p90 \(String(format: "%8.3f", percentile(database, 0.9))) ms
          locator + read by _id (the resolver's path)   p50 \(String(format: "%8.3f", percentile(withFetch, 0.5))) ms  p90 \(String(format: "%8.3f", percentile(withFetch, 0.9))) ms
          locator index alone                           p50 \(String(format: "%8.3f", percentile(indexOnly, 0.5))) ms  p90 \(String(format: "%8.3f", percentile(indexOnly, 0.9))) ms
        """)
}

// MARK: Staleness: a write by another client until the locator shows it.
var delays: [Double] = []
for i in 0..<40 {
    let id = ids[i * 7]
    let goingOnline =
        locator.nearest(lng: city.lng, lat: city.lat, maxDistance: 50_000, limit: 100_000)?
        .contains { $0.id.objectID == id } == false
    _ = try await drivers.updateOne(
        ["_id": .objectID(id)],
        ["$set": ["isOnline": .bool(goingOnline), "isAvailable": true, "status": "approved"]])
    let written = ContinuousClock.now
    while locator.nearest(lng: city.lng, lat: city.lat, maxDistance: 50_000, limit: 100_000)?
        .contains(where: { $0.id.objectID == id }) != goingOnline
    {
        try await Task.sleep(for: .milliseconds(1))
        if ContinuousClock.now - written > .seconds(10) { break }
    }
    delays.append(milliseconds(ContinuousClock.now - written))
}
print(
    "a write by another client reaches the locator after p50 \(String(format: "%.1f", percentile(delays, 0.5))) ms, "
        + "p90 \(String(format: "%.1f", percentile(delays, 0.9))) ms, max \(String(format: "%.1f", delays.max() ?? 0)) ms"
)
run.cancel()
await run.value

try await database.drop()
