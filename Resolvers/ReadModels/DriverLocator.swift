import DataModel
import Foundation
public import MongoStore
import Synchronization

/// An in-memory index of the drivers `nearbyDrivers` can return (online,
/// available, approved), kept current from the database: the read model
/// behind docs/DATA-MODEL.md's most critical query, which the embedded
/// database answers in ~190 ms at 2,000 drivers and ~310 ms at 10,000 while the
/// company model's target is 20 ms.
///
/// **A cache of the database, never a source of truth.** Every gateway
/// process keeps its own; nothing is written. It holds ids and positions only
/// (`DriverLocatorIndex`); the answer's documents are read by `_id` through the
/// caller's row rule (see `NearbyDrivers`), so the rule, the field pipeline and
/// the current state of each profile still decide what is returned.
///
/// **Kept current** by a change stream on `driverprofiles` with
/// `fullDocument: "updateLookup"`, opened *before* the initial load so that no
/// change made during the load is missed (an event replayed over a newer
/// loaded state is harmless: each event carries the whole profile as it is
/// when the event is read). ``run()`` loops until its task is cancelled:
/// - **start**: open the stream, read the qualifying drivers (one find,
///   projected to `_id`, `location` and the three status fields), then apply events;
/// - **break** (connection lost, server restarted, a command failed): reopen
///   with `resumeAfter` the last resume token (an event's `_id`, or the
///   server's post-batch token when the stream is idle) after a back-off of
///   ``Configuration/retryDelays``; the index is kept and the events missed
///   meanwhile arrive first (https://www.mongodb.com/docs/manual/changeStreams/#resume-a-change-stream);
/// - **resuming impossible** (the token fell off the oplog:
///   `ChangeStreamHistoryLost`, an invalid token, a non-resumable error, or
///   ``Configuration/resumeAttempts`` server refusals in a row; or the
///   collection was dropped or renamed, which ends the stream): start again
///   from a full load;
/// - **refused** (the server answers but will not open a stream: a
///   standalone `mongod` has no change streams): answers come from the
///   database, readiness is not held back, and the stream is tried again
///   after ``Configuration/refusalRetryDelay`` once refused ``Configuration/resumeAttempts`` times;
/// - **over capacity** (more than ``Configuration/capacity`` drivers qualify):
///   the index is dropped (memory stays bounded), answers come from the
///   database, and a full load is tried again after ``Configuration/capacityRetryDelay``.
///
/// **Staleness bound.** The locator answers (``nearest(lng:lat:maxDistance:limit:)``
/// returns a list) only while its stream is live: loaded, caught up after a
/// resume, and heard from (an event, or a `getMore` that came back empty
/// after waiting ``Configuration/maxAwait``) within ``Configuration/freshnessLimit``.
/// A write is then in the index once the server has delivered its event: on
/// SecantusDB 0.7, p50 under 20 ms after the write's acknowledgement on the
/// 2-core VM, the slowest 6 ms on a quiet machine and 1.1 s on one loaded
/// six times over (`DriverLocatorStreamTests`, `locator-bench`; README,
/// "Driver locator"), on MongoDB the time to majority commit. Otherwise it returns nil and `nearbyDrivers` asks the
/// database, so no answer is staler than `freshnessLimit` plus one event's
/// delivery, however the stream fails.
///
/// Give it a `MongoClient` of its own with a pool of 2 (the stream holds one
/// connection and its thread for up to `maxAwait` per `getMore`; the loads
/// use the other), so it never takes a thread from the requests' pool.
public final class DriverLocator: Sendable {
    /// Tunables; the defaults are the gateway's.
    public struct Configuration: Sendable {
        /// The most drivers indexed; beyond it the locator stands down (see
        /// the type's documentation). 200,000 drivers are about 26 MB
        /// (`DriverLocatorIndex`, "Memory").
        public var capacity: Int
        /// How long the stream may stay silent before answers come from the
        /// database again; at least twice `maxAwait`.
        public var freshnessLimit: Duration
        /// How long each `getMore` waits on the server for events.
        public var maxAwait: Duration
        /// Back-off between attempts after a break, the last repeated.
        public var retryDelays: [Duration]
        /// Server refusals in a row to resume with a token before it is
        /// dropped for a full load (network errors keep it: the server may come back).
        public var resumeAttempts: Int
        /// How long the locator stands down after finding too many drivers.
        public var capacityRetryDelay: Duration
        /// How long it waits after `resumeAttempts` refusals in a row to open a
        /// stream afresh (a server without change streams refuses every time).
        public var refusalRetryDelay: Duration

        public init(
            capacity: Int = 200_000, freshnessLimit: Duration = .seconds(3), maxAwait: Duration = .milliseconds(500),
            retryDelays: [Duration] = [.milliseconds(100), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5)],
            resumeAttempts: Int = 3, capacityRetryDelay: Duration = .seconds(300),
            refusalRetryDelay: Duration = .seconds(60)
        ) {
            self.capacity = capacity
            self.freshnessLimit = freshnessLimit
            self.maxAwait = maxAwait
            self.retryDelays = retryDelays
            self.resumeAttempts = resumeAttempts
            self.capacityRetryDelay = capacityRetryDelay
            self.refusalRetryDelay = refusalRetryDelay
        }
    }

    public let collection: MongoCollection
    public let configuration: Configuration
    private let report: @Sendable (DriverLocatorEvent) -> Void
    private let state = Mutex(State())

    /// - Parameters:
    ///   - database: where `driverprofiles` is, through the locator's own client.
    ///   - report: told of loads, breaks, resumes and reloads (the server logs them).
    public init(
        database: MongoDatabase, configuration: Configuration = Configuration(),
        report: @escaping @Sendable (DriverLocatorEvent) -> Void = { _ in }
    ) {
        self.collection = database.collection(Collections.driverProfiles.name)
        self.configuration = configuration
        self.report = report
    }

    // MARK: Reading

    /// The drivers within `maxDistance` meters of `(lng, lat)`, nearest first
    /// (ties by `_id`), at most `limit`; nil while the locator cannot answer
    /// within its staleness bound (loading, broken, catching up, over
    /// capacity), when the caller must ask the database.
    public func nearest(lng: Double, lat: Double, maxDistance: Double, limit: Int) -> [DriverLocatorIndex.Found]? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard state.isServable(at: now, freshnessLimit: configuration.freshnessLimit) else { return nil }
            return state.index.nearest(lng: lng, lat: lat, maxDistance: maxDistance, limit: limit)
        }
    }

    /// Whether the first load has finished, found too many drivers and stood
    /// down, or the server refused the stream (a standalone `mongod` has no
    /// change streams): what `/readyz` waits for. It stays true through later
    /// breaks, when answers come from the database instead; a server that
    /// cannot be reached leaves it false (the database's own probe fails then too).
    public var hasLoaded: Bool { state.withLock { $0.hasLoaded } }

    /// What the locator is doing and has done.
    public var status: DriverLocatorStatus {
        let now = ContinuousClock.now
        return state.withLock { state in
            DriverLocatorStatus(
                phase: state.phase, drivers: state.index.count + state.strangers.count, hasLoaded: state.hasLoaded,
                isServing: state.isServable(at: now, freshnessLimit: configuration.freshnessLimit),
                loads: state.loads, resumes: state.resumes, eventsApplied: state.eventsApplied,
                lastEventLag: state.lastEventLag)
        }
    }

    // MARK: Running

    /// Loads the index and keeps it current until the calling task is
    /// cancelled (the server's graceful shutdown cancels it); the change
    /// stream is closed before it returns. Never throws: a failure is a break
    /// to recover from, reported through `report`.
    public func run() async {
        var token: BSONDocument?
        var refusals = 0
        var failures = 0
        while !Task.isCancelled {
            let outcome = await session(resumingAfter: token)
            switch outcome {
            case .stopped:
                break
            case .ended(let last):
                // The server closed the stream without an error: pick up where it was.
                token = last
                failures = 0
                if let delay = configuration.retryDelays.first { try? await Task.sleep(for: delay) }
            case .restart:
                token = nil
                failures = 0
            case .overCapacity(let count):
                token = nil
                report(.overCapacity(drivers: count, capacity: configuration.capacity))
                try? await Task.sleep(for: configuration.capacityRetryDelay)
            case .failed(let error, let last, let opened):
                // A stream that was open failed later: the back-off starts over.
                if opened { (failures, refusals) = (0, 0) }
                token = last
                let transient = error.code == .network || error.code == .timeout
                refusals = transient ? 0 : refusals + 1
                if token != nil, Self.tokenIsUnusable(error) || refusals >= configuration.resumeAttempts {
                    token = nil
                    refusals = 0
                }
                if !transient {
                    // The server answered and refused (a standalone mongod has no
                    // change streams): that is no outage, so it must not hold the
                    // gateway out of the load balancer; answers come from the database.
                    state.withLock { $0.hasLoaded = true }
                }
                report(.interrupted(error: error, willResume: token != nil))
                let delays = configuration.retryDelays
                var delay = delays.isEmpty ? .zero : delays[min(failures, delays.count - 1)]
                if token == nil && refusals >= configuration.resumeAttempts { delay = configuration.refusalRetryDelay }
                try? await Task.sleep(for: delay)
                failures += 1
            }
            if case .stopped = outcome { break }
        }
        state.withLock { $0.phase = .stopped }
        report(.stopped)
    }

    /// How one opened stream ended.
    private enum Outcome {
        case stopped
        case ended(token: BSONDocument?)
        case restart
        case overCapacity(Int)
        /// `opened`: the stream had been opened (and so the token accepted).
        case failed(MongoError, token: BSONDocument?, opened: Bool)
    }

    /// Opens the stream (resuming after `token`, or loading the index afresh
    /// when there is none) and applies its events until it ends.
    private func session(resumingAfter token: BSONDocument?) async -> Outcome {
        let options = ChangeStreamOptions(
            fullDocument: "updateLookup", resumeAfter: token,
            maxAwaitTimeMS: max(1, Int(configuration.maxAwait / .milliseconds(1))))
        let stream: ChangeStream
        do {
            stream = try await collection.watch(Self.pipeline, options: options)
        } catch {
            state.withLock { $0.phase = .interrupted }
            return .failed(error, token: token, opened: false)
        }
        var last = token
        let outcome: Outcome
        do {
            if token == nil {
                state.withLock { $0.phase = .loading }
                if let tooMany = try await load() {
                    await stream.close()
                    return .overCapacity(tooMany)
                }
                // The events of changes made during the load follow.
                last = await stream.resumeToken()
            } else {
                state.withLock {
                    $0.phase = .catchingUp
                    $0.resumes += 1
                }
                report(.resumed)
            }
            outcome = try await follow(stream, token: &last)
        } catch let error as MongoError {
            outcome = .failed(error, token: last, opened: true)
        } catch {
            outcome = .failed(MongoError(code: .internal, detail: "\(error)"), token: last, opened: true)
        }
        await stream.close()
        switch outcome {
        case .failed, .ended: state.withLock { $0.phase = .interrupted }
        default: break
        }
        return outcome
    }

    /// Applies the stream's events until it ends; `token` follows them.
    private func follow(_ stream: ChangeStream, token: inout BSONDocument?) async throws -> Outcome {
        while let step = try await stream.nextStep() {
            let now = ContinuousClock.now
            switch step {
            case .idle:
                if let latest = await stream.resumeToken() { token = latest }
                // Every event up to this round trip has been applied: live.
                state.withLock {
                    $0.lastHeard = now
                    $0.phase = .live
                }
            case .event(let event):
                if case .document(let id)? = event["_id"] { token = id }
                let change = DriverLocatorChange.of(event: event)
                if change == .restart {
                    state.withLock { $0.phase = .loading }
                    report(.collectionReplaced)
                    return .restart
                }
                let lag = Self.lag(of: event)
                let count = state.withLock { state -> Int in
                    state.apply(change)
                    state.eventsApplied += 1
                    state.lastHeard = now
                    state.lastEventLag = lag ?? state.lastEventLag
                    // A busy stream may never come back empty: an event read
                    // soon after its write also shows it has caught up.
                    if state.phase == .catchingUp, let lag, lag < configuration.freshnessLimit {
                        state.phase = .live
                    }
                    return state.index.count + state.strangers.count
                }
                if count > configuration.capacity {
                    state.withLock { $0.standDown() }
                    return .overCapacity(count)
                }
            }
        }
        return Task.isCancelled ? .stopped : .ended(token: token)
    }

    /// Reads every qualifying driver into a new index and swaps it in; the
    /// number found when there are more than the capacity (nothing is kept then).
    private func load() async throws -> Int? {
        let started = ContinuousClock.now
        var fields: BSONDocument = [:]
        for field in DriverLocatorChange.fields { fields[field] = 1 }
        let cursor = try await collection.findCursor(
            DriverLocatorChange.qualifyingFilter, options: FindOptions(projection: fields, batchSize: 10_000))
        var loaded = State()
        for try await document in cursor {
            loaded.apply(DriverLocatorChange.of(document: document))
            if loaded.index.count + loaded.strangers.count > configuration.capacity {
                await cursor.close()
                let count = loaded.index.count + loaded.strangers.count
                state.withLock { $0.standDown() }
                return count
            }
        }
        let count = loaded.index.count + loaded.strangers.count
        state.withLock { state in
            state.index = loaded.index
            state.strangers = loaded.strangers
            state.hasLoaded = true
            state.loads += 1
            state.phase = .catchingUp
        }
        report(.loaded(drivers: count, duration: ContinuousClock.now - started))
        return nil
    }

    /// The stream's pipeline: only the fields the index needs reach the
    /// gateway (never a driver's personal data); `_id`, the resume token, stays.
    static let pipeline: [BSONDocument] = {
        var project: BSONDocument = ["operationType": 1, "documentKey": 1, "wallTime": 1]
        for field in ["_id"] + DriverLocatorChange.fields { project["fullDocument." + field] = 1 }
        return [["$project": .document(project)]]
    }()

    /// Server errors after which a resume token cannot be used again
    /// (https://github.com/mongodb/specifications/blob/master/source/change-streams/change-streams.md#resumable-error):
    /// the history is gone (`ChangeStreamHistoryLost`, 286), the token is
    /// invalid (`InvalidResumeToken`, 260; `FailedToParse`, 9), the stream
    /// cannot go on (`ChangeStreamFatalError`, 280), or the server says so.
    static func tokenIsUnusable(_ error: MongoError) -> Bool {
        if error.hasLabel("NonResumableChangeStreamError") { return true }
        return [286, 260, 280, 9].contains(error.serverCode ?? 0)
    }

    /// How long after its write an event was read, from its `wallTime` (the
    /// server's clock, so only as good as the two clocks' agreement).
    static func lag(of event: BSONDocument) -> Duration? {
        guard case .date(let written)? = event["wallTime"] else { return nil }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        return .milliseconds(max(0, now - written.millisecondsSinceEpoch))
    }
}

/// The locator's mutable part, behind its lock.
private struct State {
    var index = DriverLocatorIndex()
    /// Qualifying drivers whose `_id` is not an ObjectID: the index cannot
    /// hold them, so while there is one the locator does not answer.
    var strangers: Set<BSONValue> = []
    var phase: DriverLocatorStatus.Phase = .starting
    var hasLoaded = false
    var lastHeard: ContinuousClock.Instant?
    var lastEventLag: Duration?
    var loads = 0
    var resumes = 0
    var eventsApplied = 0

    func isServable(at now: ContinuousClock.Instant, freshnessLimit: Duration) -> Bool {
        guard phase == .live, strangers.isEmpty, let lastHeard else { return false }
        return now - lastHeard <= freshnessLimit
    }

    mutating func apply(_ change: DriverLocatorChange) {
        switch change {
        case .qualifies(.objectID(let id), let point): index.place(DriverLocatorIndex.DriverID(id), at: point)
        case .leaves(.objectID(let id)): index.remove(DriverLocatorIndex.DriverID(id))
        case .qualifies(let other, _): strangers.insert(other)
        case .leaves(let other): strangers.remove(other)
        case .restart, .none: break
        }
    }

    /// Too many drivers: nothing kept, the load counts as done (for readiness).
    mutating func standDown() {
        index.removeAll()
        strangers = []
        hasLoaded = true
        phase = .overCapacity
    }
}
