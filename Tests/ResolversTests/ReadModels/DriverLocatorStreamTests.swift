import Foundation
import MongoStore
import Resolvers
import Testing

/// The locator follows the database: changes another process makes show up
/// within its staleness bound, a broken stream resumes with its token, a
/// token that cannot be resumed leads to a full load, a dropped collection
/// too, too many drivers make it stand down, and cancelling it stops it.
@Suite("Driver locator stream", .serialized)
struct DriverLocatorStreamTests {
    static let city = (lng: -122.42, lat: 37.77)

    /// 200 drivers within about 10 km of the city, every fourth offline.
    static func seed(_ fixture: LocatorFixture) async throws -> [BSONDocument] {
        var random = SeededRandom(seed: 3)
        let documents = (0..<200).map { i in
            LocatorFixture.driver(
                lng: city.lng + Double.random(in: -0.1...0.1, using: &random),
                lat: city.lat + Double.random(in: -0.1...0.1, using: &random), online: i % 4 != 0)
        }
        try await fixture.insert(documents)
        return documents
    }

    static func ids(
        _ locator: DriverLocator, near lng: Double = city.lng, _ lat: Double = city.lat, within: Double = 50_000
    )
        -> Set<ObjectID>?
    {
        locator.nearest(lng: lng, lat: lat, maxDistance: within, limit: 10_000).map { Set($0.map(\.id.objectID)) }
    }

    static func id(_ document: BSONDocument) -> ObjectID {
        if case .objectID(let id)? = document["_id"] { return id }
        return ObjectID()
    }

    @Test("Writes of another client show up: a driver going offline, one coming online, one moving")
    func followsWritesOfAnotherClient() async throws {
        try await LocatorFixture.with { fixture in
            let documents = try await Self.seed(fixture)
            let locator = fixture.locator()
            try await fixture.running(locator) {
                try await LocatorFixture.eventually("the 150 free drivers are served", within: .seconds(10)) {
                    Self.ids(locator)?.count == 150
                }
                var latencies: [Duration] = []
                /// Writes with the other client, then waits until the locator agrees
                /// (on an idle machine within milliseconds, printed below; the limit
                /// leaves room for a loaded one, where the locator declines to
                /// answer while its stream is slower than the freshness limit).
                func write(_ filter: BSONDocument, _ update: BSONDocument, until: @escaping () -> Bool) async throws {
                    try await fixture.drivers.updateOne(filter, ["$set": .document(update)])
                    let written = ContinuousClock.now
                    try await LocatorFixture.eventually("the locator applies \(update)", within: .seconds(10)) {
                        until()
                    }
                    latencies.append(ContinuousClock.now - written)
                }
                for document in documents.prefix(24) {
                    let id = Self.id(document)
                    if document["isOnline"] == .bool(true) {
                        try await write(["_id": .objectID(id)], ["isOnline": false]) {
                            Self.ids(locator)?.contains(id) == false
                        }
                    } else {
                        try await write(["_id": .objectID(id)], ["isOnline": true]) {
                            Self.ids(locator)?.contains(id) == true
                        }
                    }
                }
                // A move of about 30 km: found at the new place, no longer at the old one.
                let moved = Self.id(documents[1])
                try await write(
                    ["_id": .objectID(moved)],
                    ["isOnline": true, "location": ["type": "Point", "coordinates": [-122.0, 37.5]]]
                ) {
                    Self.ids(locator, near: -122.0, 37.5, within: 100)?.contains(moved) == true
                        && Self.ids(locator, within: 20_000)?.contains(moved) == false
                }
                let inserted = ObjectID()
                try await fixture.drivers.insertOne(LocatorFixture.driver(inserted, lng: -122.41, lat: 37.77))
                try await LocatorFixture.eventually("an inserted driver appears", within: .seconds(10)) {
                    Self.ids(locator)?.contains(inserted) == true
                }
                try await fixture.drivers.deleteOne(["_id": .objectID(inserted)])
                try await LocatorFixture.eventually("a deleted driver disappears", within: .seconds(10)) {
                    Self.ids(locator)?.contains(inserted) == false
                }
                let sorted = latencies.sorted()
                print(
                    "driver locator: \(sorted.count) writes applied after p50 \(sorted[sorted.count / 2]), "
                        + "max \(sorted.last!); last event lag by wallTime \(String(describing: locator.status.lastEventLag))"
                )
                #expect(locator.status.loads == 1)
            }
        }
    }

    @Test("A dropped connection is resumed with the token, and writes made meanwhile arrive")
    func resumesAfterABreak() async throws {
        try await LocatorFixture.with(ownServer: true) { fixture in
            let documents = try await Self.seed(fixture)
            var configuration = LocatorFixture.testConfiguration
            configuration.retryDelays = [.seconds(1)]
            let locator = fixture.locator(configuration)
            try await fixture.running(locator) {
                // The server closes the locator's connections at each getMore and
                // aggregate (libmongoc's own resume and retry included) until the
                // fail point is turned off, so the stream stays broken meanwhile.
                try await fixture.failCommand(
                    mode: "alwaysOn", data: ["failCommands": ["getMore", "aggregate"], "closeConnection": true])
                try await LocatorFixture.eventually("the stream breaks", within: .seconds(5)) {
                    locator.status.phase == .interrupted
                }
                #expect(locator.nearest(lng: Self.city.lng, lat: Self.city.lat, maxDistance: 5_000, limit: 5) == nil)
                let online = Self.id(documents[1])
                try await fixture.drivers.updateOne(["_id": .objectID(online)], ["$set": ["isAvailable": false]])
                try await Task.sleep(for: .milliseconds(1_500))
                #expect(locator.status.phase == .interrupted, "still broken: the attempts to resume fail too")
                try await fixture.failCommand(mode: "off")
                try await LocatorFixture.eventually("the write made during the break arrives", within: .seconds(10)) {
                    Self.ids(locator).map { !$0.contains(online) } ?? false
                }
                #expect(locator.status.resumes >= 1)
                #expect(locator.status.loads == 1, "resumed, not reloaded")
            }
        }
    }

    @Test("A token the server cannot resume from leads to a full load")
    func reloadsWhenTheTokenIsLost() async throws {
        try await LocatorFixture.with(ownServer: true) { fixture in
            let documents = try await Self.seed(fixture)
            var configuration = LocatorFixture.testConfiguration
            configuration.retryDelays = [.seconds(1)]
            let locator = fixture.locator(configuration)
            try await fixture.running(locator) {
                // What a server answers when the token's history has left its oplog.
                try await fixture.failCommand(
                    mode: ["times": 1], data: ["failCommands": ["getMore"], "errorCode": 286])
                try await LocatorFixture.eventually("the stream breaks", within: .seconds(5)) {
                    locator.status.phase == .interrupted
                }
                let online = Self.id(documents[1])
                try await fixture.drivers.updateOne(["_id": .objectID(online)], ["$set": ["status": "suspended"]])
                try await LocatorFixture.eventually("the index is loaded again", within: .seconds(10)) {
                    locator.status.loads == 2 && locator.status.isServing
                }
                try await LocatorFixture.eventually("the reloaded index is served", within: .seconds(10)) {
                    Self.ids(locator)?.count == 149
                }
                #expect(Self.ids(locator).map { !$0.contains(online) } != false)
                #expect(locator.status.resumes == 0)
            }
        }
    }

    @Test("A server that refuses change streams (a standalone mongod) leaves readiness alone and answers nothing")
    func refusedStreamsDoNotHoldReadiness() async throws {
        try await LocatorFixture.with(ownServer: true) { fixture in
            _ = try await Self.seed(fixture)
            // What a standalone mongod answers to $changeStream.
            try await fixture.failCommand(mode: "alwaysOn", data: ["failCommands": ["aggregate"], "errorCode": 40573])
            let locator = fixture.locator()
            let run = Task { await locator.run() }
            try await LocatorFixture.eventually("the refusal counts as loaded", within: .seconds(10)) {
                locator.hasLoaded
            }
            #expect(locator.status.loads == 0)
            #expect(locator.nearest(lng: Self.city.lng, lat: Self.city.lat, maxDistance: 5_000, limit: 5) == nil)
            // Once the server accepts streams, the locator loads and serves.
            try await fixture.failCommand(mode: "off")
            try await LocatorFixture.eventually("the locator serves", within: .seconds(10)) {
                Self.ids(locator)?.count == 150
            }
            run.cancel()
            await run.value
        }
    }

    @Test("A dropped collection empties the index, which then follows the new one")
    func reloadsAfterADrop() async throws {
        try await LocatorFixture.with { fixture in
            _ = try await Self.seed(fixture)
            let locator = fixture.locator()
            try await fixture.running(locator) {
                try await fixture.drivers.drop()
                try await LocatorFixture.eventually("the index is loaded again", within: .seconds(10)) {
                    locator.status.loads == 2 && Self.ids(locator)?.isEmpty == true
                }
                let newcomer = ObjectID()
                try await fixture.drivers.insertOne(LocatorFixture.driver(newcomer, lng: -122.4, lat: 37.77))
                try await LocatorFixture.eventually("a driver of the new collection appears", within: .seconds(5)) {
                    Self.ids(locator) == [newcomer]
                }
            }
        }
    }

    @Test("Over its capacity the locator stands down: loaded for readiness, answering nothing")
    func standsDownOverCapacity() async throws {
        try await LocatorFixture.with { fixture in
            _ = try await Self.seed(fixture)
            var configuration = LocatorFixture.testConfiguration
            configuration.capacity = 100
            let atLoad = fixture.locator(configuration)
            let run = Task { await atLoad.run() }
            try await LocatorFixture.eventually("the load finishes", within: .seconds(10)) { atLoad.hasLoaded }
            #expect(atLoad.status.phase == .overCapacity)
            #expect(atLoad.status.drivers == 0)
            #expect(atLoad.nearest(lng: Self.city.lng, lat: Self.city.lat, maxDistance: 5_000, limit: 5) == nil)
            run.cancel()
            await run.value

            // Within the capacity at the load, over it after inserts.
            configuration.capacity = 160
            let later = fixture.locator(configuration)
            try await fixture.running(later) {
                try await fixture.insert(
                    (0..<20).map { _ in LocatorFixture.driver(lng: Self.city.lng, lat: Self.city.lat) })
                try await LocatorFixture.eventually("the locator stands down", within: .seconds(5)) {
                    later.status.phase == .overCapacity
                }
                #expect(later.status.drivers == 0)
                #expect(later.nearest(lng: Self.city.lng, lat: Self.city.lat, maxDistance: 5_000, limit: 5) == nil)
            }
        }
    }

    @Test("Cancelling the run closes the stream and returns within the stream's await time")
    func stopsWhenCancelled() async throws {
        try await LocatorFixture.with { fixture in
            _ = try await Self.seed(fixture)
            let locator = fixture.locator()
            let run = Task { await locator.run() }
            try await LocatorFixture.eventually("the locator serves", within: .seconds(10)) { locator.status.isServing }
            let cancelled = ContinuousClock.now
            run.cancel()
            await run.value
            // One getMore waits at most `maxAwait` (200 ms here); the margin is for a loaded machine.
            #expect(ContinuousClock.now - cancelled < .seconds(5))
            #expect(locator.status.phase == .stopped)
            #expect(!locator.status.isServing)
            // The stream's connection went back to the pool: both are free for a read.
            _ = try await locator.collection.find(["_id": .objectID(ObjectID())])
        }
    }
}
