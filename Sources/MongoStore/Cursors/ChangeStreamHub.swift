import Foundation
import Synchronization

/// One change stream per collection for the whole process, shared by every
/// reader that wants that collection's changes: the fan-out behind GraphQL
/// subscriptions (README, "Subscriptions").
///
/// **Why one stream.** A change stream holds a pooled client (and its
/// connection) for its whole life, and every `getMore` blocks a database
/// thread for up to `maxAwait`; one stream per subscriber would exhaust the
/// pool with a handful of subscribers. So each collection has one stream,
/// opened when its first subscriber arrives and closed once its last one has
/// left, and each event is offered to every subscriber's filter.
///
/// **Events from the database, not from this process.** The stream sees
/// every write, whoever made it (another gateway process, the Node services,
/// a script), which is what makes subscriptions correct behind a load balancer.
///
/// **Resume.** The hub keeps the resume token of the last event (or the
/// server's post-batch token when the stream is idle). After a break
/// (connection lost, server restarted, a command failed) it reopens with
/// `resumeAfter` that token after a back-off, so the events written during
/// the break are delivered, late but none lost
/// (https://www.mongodb.com/docs/manual/changeStreams/#resume-a-change-stream).
/// When the token cannot be used any more (the history is gone, or the
/// server refuses it `resumeAttempts` times in a row), events may have been
/// lost: every subscriber of that collection is ended with
/// `ChangeStreamHubError.historyLost`, so that clients subscribe again and
/// read the current state, and the stream starts afresh.
///
/// **Slow subscribers.** Each subscriber has a buffer of
/// `Configuration.subscriberBuffer` events; one that falls that far behind is
/// ended with `ChangeStreamHubError.subscriberTooSlow` rather than holding
/// memory without bound or silently missing events.
///
/// **Lag.** Each event's delay from its write to its delivery here is taken
/// from its `wallTime` (the server's clock, so only as good as the two
/// clocks' agreement) and kept in ``status``.
///
/// Give it a `MongoClient` of its own, with a pool of one more than the
/// collections it serves, so that its streams never take a client from the
/// requests' pool.
public final class ChangeStreamHub: Sendable {
    /// Tunables; the defaults are the gateway's.
    public struct Configuration: Sendable {
        /// How long each `getMore` waits on the server for events; also how
        /// soon a stream with no subscribers left is closed.
        public var maxAwait: Duration
        /// Back-off between attempts after a break, the last repeated.
        public var retryDelays: [Duration]
        /// Server refusals in a row to resume with a token before it is given up.
        public var resumeAttempts: Int
        /// Events buffered per subscriber before it is ended as too slow.
        public var subscriberBuffer: Int
        /// How long a new subscriber waits for its collection's stream to open.
        public var openTimeout: Duration

        public init(
            maxAwait: Duration = .milliseconds(500),
            retryDelays: [Duration] = [.milliseconds(100), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5)],
            resumeAttempts: Int = 3, subscriberBuffer: Int = 1_000, openTimeout: Duration = .seconds(5)
        ) {
            self.maxAwait = maxAwait
            self.retryDelays = retryDelays
            self.resumeAttempts = resumeAttempts
            self.subscriberBuffer = subscriberBuffer
            self.openTimeout = openTimeout
        }
    }

    /// What the hub tells its owner (the server logs it).
    public enum Event: Sendable {
        case opened(collection: String)
        case interrupted(collection: String, error: MongoError, willResume: Bool)
        case resumed(collection: String)
        case historyLost(collection: String)
        case closed(collection: String)
    }

    public let database: MongoDatabase
    public let configuration: Configuration
    private let feeds: [String: Feed]
    private let report: @Sendable (Event) -> Void

    /// - Parameters:
    ///   - database: the database whose collections are watched, through the hub's own client.
    ///   - collections: the collections served, each with the pipeline its
    ///     stream runs (a `$project` keeping only what subscribers filter on;
    ///     the `_id`, the resume token, must stay).
    public init(
        database: MongoDatabase, collections: [String: [BSONDocument]], configuration: Configuration = Configuration(),
        report: @escaping @Sendable (Event) -> Void = { _ in }
    ) {
        self.database = database
        self.configuration = configuration
        self.report = report
        var feeds: [String: Feed] = [:]
        for (name, pipeline) in collections { feeds[name] = Feed(name: name, pipeline: pipeline) }
        self.feeds = feeds
    }

    // MARK: Subscribing

    /// The changes of `collections` that `filter` accepts, from the moment
    /// this returns: it waits until each collection's stream is open, so a
    /// write made after it returns is delivered. Ends with an error when the
    /// hub stops, the history is lost, or the reader falls too far behind;
    /// ends when the reader stops iterating (its task is cancelled).
    ///
    /// - Throws: `ChangeStreamHubError.unknownCollection` for a collection
    ///   not served, `.unavailable` when a stream did not open within
    ///   `openTimeout` (the database is down), `.stopped` once the hub has stopped.
    public func changes(
        of collections: [String], where filter: @escaping @Sendable (ChangeStreamEvent) -> Bool
    ) async throws(ChangeStreamHubError) -> AsyncThrowingStream<ChangeStreamEvent, any Error> {
        let feeds = try collections.map { name throws(ChangeStreamHubError) -> Feed in
            guard let feed = self.feeds[name] else { throw .unknownCollection(name) }
            return feed
        }
        let (stream, continuation) = AsyncThrowingStream.makeStream(
            of: ChangeStreamEvent.self, bufferingPolicy: .bufferingOldest(max(1, configuration.subscriberBuffer)))
        let subscriber = Subscriber(id: ObjectID(), continuation: continuation, filter: filter)
        for feed in feeds {
            guard feed.add(subscriber) else { throw .stopped }
        }
        continuation.onTermination = { [feeds] _ in
            for feed in feeds { feed.remove(subscriber.id) }
        }
        let deadline = ContinuousClock.now + configuration.openTimeout
        for feed in feeds {
            while !feed.isOpen {
                if feed.isStopped { throw .stopped }
                guard ContinuousClock.now < deadline, !Task.isCancelled else {
                    continuation.finish(throwing: ChangeStreamHubError.unavailable)
                    throw .unavailable
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        return stream
    }

    /// How each collection's stream is doing.
    public var status: [String: ChangeStreamHubStatus] {
        feeds.mapValues { $0.status }
    }

    // MARK: Running

    /// Runs every collection's stream until the task is cancelled (the
    /// server's graceful shutdown cancels it); then ends every subscriber
    /// with `.stopped`. Never throws: a failure is a break to recover from.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for feed in feeds.values {
                group.addTask { await self.follow(feed) }
            }
        }
        for feed in feeds.values { feed.stop() }
    }

    /// One collection's loop: wait for a subscriber, open, deliver, resume
    /// after breaks, close once nobody listens.
    private func follow(_ feed: Feed) async {
        var token: BSONDocument?
        var refusals = 0
        var failures = 0
        while !Task.isCancelled {
            guard feed.hasSubscribers else {
                // Idle until a first subscriber: a poll, cheap at this rate,
                // and a new subscriber waits for the open anyway (`changes`).
                token = nil
                try? await Task.sleep(for: .milliseconds(50))
                continue
            }
            // `updateLookup`: an update's event carries the document as it is
            // when the event is read, so filters can look at fields the update
            // did not touch (an assignment's `rescueId`).
            let options = ChangeStreamOptions(
                fullDocument: "updateLookup", resumeAfter: token,
                maxAwaitTimeMS: max(1, Int(configuration.maxAwait / .milliseconds(1))))
            let stream: ChangeStream
            do {
                stream = try await database.collection(feed.name).watch(feed.pipeline, options: options)
            } catch {
                (token, refusals) = handle(error, feed: feed, token: token, refusals: refusals)
                try? await Task.sleep(for: delay(after: failures))
                failures += 1
                continue
            }
            if token != nil {
                feed.update { $0.resumes += 1 }
                report(.resumed(collection: feed.name))
            } else {
                // Afresh: what was written before this point is not owed to anyone.
                token = await stream.resumeToken()
                report(.opened(collection: feed.name))
            }
            (refusals, failures) = (0, 0)
            feed.update { $0.isOpen = true }
            do {
                while let step = try await stream.nextStep() {
                    switch step {
                    case .idle:
                        if let latest = await stream.resumeToken() { token = latest }
                    case .event(let document):
                        if case .document(let id)? = document["_id"] { token = id }
                        feed.deliver(ChangeStreamEvent(collection: feed.name, document: document))
                    }
                    if !feed.hasSubscribers { break }
                }
                feed.update { $0.isOpen = false }
                if !feed.hasSubscribers {
                    token = nil
                    report(.closed(collection: feed.name))
                }
            } catch {
                feed.update { $0.isOpen = false }
                (token, refusals) = handle(error, feed: feed, token: token, refusals: refusals)
                try? await Task.sleep(for: delay(after: failures))
                failures += 1
            }
            await stream.close()
        }
    }

    /// What a failed open or read means for the token: kept for a transient
    /// error, given up (and the subscribers ended) once it cannot be used.
    private func handle(_ error: any Error, feed: Feed, token: BSONDocument?, refusals: Int) -> (BSONDocument?, Int) {
        let mongo = error as? MongoError ?? MongoError(code: .internal, detail: "\(error)")
        let transient = mongo.code == .network || mongo.code == .timeout
        let refusals = transient ? 0 : refusals + 1
        var token = token
        if token != nil, Self.tokenIsUnusable(mongo) || refusals >= configuration.resumeAttempts {
            token = nil
            report(.historyLost(collection: feed.name))
            feed.endSubscribers(with: .historyLost)
            report(.interrupted(collection: feed.name, error: mongo, willResume: false))
            return (nil, 0)
        }
        report(.interrupted(collection: feed.name, error: mongo, willResume: token != nil))
        return (token, refusals)
    }

    private func delay(after failures: Int) -> Duration {
        let delays = configuration.retryDelays
        return delays.isEmpty ? .zero : delays[min(failures, delays.count - 1)]
    }

    /// Server errors after which a resume token cannot be used again
    /// (https://github.com/mongodb/specifications/blob/master/source/change-streams/change-streams.md#resumable-error):
    /// the history is gone (`ChangeStreamHistoryLost`, 286), the token is
    /// invalid (`InvalidResumeToken`, 260; `FailedToParse`, 9), the stream
    /// cannot go on (`ChangeStreamFatalError`, 280), or the server says so.
    static func tokenIsUnusable(_ error: MongoError) -> Bool {
        if error.hasLabel("NonResumableChangeStreamError") { return true }
        return [286, 260, 280, 9].contains(error.serverCode ?? 0)
    }
}

/// Why a hub's subscriber was refused or ended.
public enum ChangeStreamHubError: Error, Sendable, Equatable {
    /// The collection is not one the hub serves.
    case unknownCollection(String)
    /// The collection's stream did not open in time (the database is unreachable).
    case unavailable
    /// Events may have been lost (the resume token could not be used): subscribe again.
    case historyLost
    /// The subscriber fell `subscriberBuffer` events behind.
    case subscriberTooSlow
    /// The hub has stopped (the server is shutting down).
    case stopped
}

/// One change event as a subscriber sees it.
public struct ChangeStreamEvent: Sendable {
    public let collection: String
    /// The event as the server sent it (through the hub's pipeline).
    public let document: BSONDocument

    public init(collection: String, document: BSONDocument) {
        self.collection = collection
        self.document = document
    }

    /// `insert`, `update`, `replace`, `delete`, `invalidate`, ...
    public var operationType: String? {
        if case .string(let type)? = document["operationType"] { return type }
        return nil
    }

    /// The changed document's `_id`.
    public var documentID: BSONValue? {
        guard case .document(let key)? = document["documentKey"] else { return nil }
        return key["_id"]
    }

    /// A field of the document after the change, when the stream looked it
    /// up (`fullDocument`) or the update set it (`updateDescription.updatedFields`).
    public func field(_ name: String) -> BSONValue? {
        if case .document(let full)? = document["fullDocument"], let value = full[name] { return value }
        return updatedFields?[name]
    }

    /// The fields an update set, nil for other operations.
    public var updatedFields: BSONDocument? {
        guard case .document(let description)? = document["updateDescription"],
            case .document(let fields)? = description["updatedFields"]
        else { return nil }
        return fields
    }

    /// How long after its write the event reached the hub, from its
    /// `wallTime`; nil when the server gave none.
    public var lag: Duration? {
        guard case .date(let written)? = document["wallTime"] else { return nil }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        return .milliseconds(max(0, now - written.millisecondsSinceEpoch))
    }
}

/// One collection's stream as the hub reports it.
public struct ChangeStreamHubStatus: Sendable {
    public var isOpen = false
    public var subscribers = 0
    public var eventsDelivered = 0
    public var resumes = 0
    /// The lag of the last event read (see `ChangeStreamEvent.lag`).
    public var lastLag: Duration?
    /// The largest lag seen.
    public var maxLag: Duration?
}

/// A subscriber: where its events go and which it wants.
private struct Subscriber: Sendable {
    let id: ObjectID
    let continuation: AsyncThrowingStream<ChangeStreamEvent, any Error>.Continuation
    let filter: @Sendable (ChangeStreamEvent) -> Bool
}

/// One collection's subscribers and status, behind a lock (the loop that
/// reads the stream and the tasks that subscribe both touch it).
private final class Feed: Sendable {
    let name: String
    let pipeline: [BSONDocument]
    private struct State {
        var subscribers: [ObjectID: Subscriber] = [:]
        var status = ChangeStreamHubStatus()
        var stopped = false
    }
    private let state = Mutex(State())

    init(name: String, pipeline: [BSONDocument]) {
        self.name = name
        self.pipeline = pipeline
    }

    var hasSubscribers: Bool { state.withLock { !$0.subscribers.isEmpty } }
    var isOpen: Bool { state.withLock { $0.status.isOpen } }
    var isStopped: Bool { state.withLock { $0.stopped } }
    var status: ChangeStreamHubStatus {
        state.withLock { state in
            var status = state.status
            status.subscribers = state.subscribers.count
            return status
        }
    }

    func update(_ change: (inout ChangeStreamHubStatus) -> Void) { state.withLock { change(&$0.status) } }

    /// False once the hub has stopped.
    func add(_ subscriber: Subscriber) -> Bool {
        state.withLock { state in
            guard !state.stopped else { return false }
            state.subscribers[subscriber.id] = subscriber
            return true
        }
    }

    func remove(_ id: ObjectID) { _ = state.withLock { $0.subscribers.removeValue(forKey: id) } }

    /// Offers the event to every subscriber's filter; ends those too far behind.
    func deliver(_ event: ChangeStreamEvent) {
        let lag = event.lag
        let subscribers = state.withLock { state in
            state.status.eventsDelivered += 1
            if let lag {
                state.status.lastLag = lag
                state.status.maxLag = max(state.status.maxLag ?? .zero, lag)
            }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers where subscriber.filter(event) {
            if case .dropped = subscriber.continuation.yield(event) {
                subscriber.continuation.finish(throwing: ChangeStreamHubError.subscriberTooSlow)
            }
        }
    }

    func endSubscribers(with error: ChangeStreamHubError) {
        let subscribers = state.withLock { state in
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.continuation.finish(throwing: error) }
    }

    func stop() {
        let subscribers = state.withLock { state in
            state.stopped = true
            state.status.isOpen = false
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.continuation.finish(throwing: ChangeStreamHubError.stopped) }
    }
}
