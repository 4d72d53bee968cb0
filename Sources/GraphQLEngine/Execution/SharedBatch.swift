/// A round trip that the batches of several loaders of one level can share:
/// a database that answers several reads in one command, a service with a
/// multi-get endpoint.
///
/// The executor sends one batch per loader per level (see `Loader`). Sibling
/// relations of one object (a rescue's rider, assignment, payment, ratings and
/// history) are different loaders, so on their own they cost one round trip
/// each. Loaders whose `sharedBatch(_:)` names the same channel (same type,
/// same `identity`) are sent together instead: the executor hands the
/// channel every request of the level at once, in one `send`.
public protocol BatchChannel: Sendable {
    /// What one loader's batch asks for.
    associatedtype Request: Sendable
    /// What the channel answers one request with.
    associatedtype Reply: Sendable

    /// Channels of the same type and identity share one round trip per level
    /// (for example one per database).
    var identity: String { get }

    /// Answers every request, one reply per request in the same order. A
    /// thrown error fails every field waiting on any of the requests; a reply
    /// count that differs from the request count fails them likewise.
    func send(_ requests: [Request]) async throws -> [Reply]
}

/// A loader's batch as one request on a `BatchChannel`, and how to read the
/// loader's values out of the channel's reply.
///
/// A loader returns it from `Loader.sharedBatch(_:)`. Deduplication and the
/// per-request cache are unchanged: the keys are the loader's own pending
/// keys, and the values are stored in the loader's own cache.
public struct SharedBatch<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let channel: BatchChannelID
    let request: any Sendable
    let send: @Sendable ([any Sendable]) async throws -> [any Sendable]
    let values: @Sendable (any Sendable) throws -> [Key: Value]

    public init<C: BatchChannel>(
        on channel: C, request: C.Request, values: @escaping @Sendable (C.Reply) throws -> [Key: Value]
    ) {
        self.channel = BatchChannelID(type: ObjectIdentifier(C.self), identity: channel.identity)
        self.request = request
        self.send = { requests in
            // Every request of a group was made by a loader naming this channel
            // type (the group key includes the type), so the casts hold.
            let typed = requests.compactMap { $0 as? C.Request }
            guard typed.count == requests.count else { throw SharedBatchMismatch() }
            return try await channel.send(typed)
        }
        self.values = { reply in
            guard let typed = reply as? C.Reply else { throw SharedBatchMismatch() }
            return try values(typed)
        }
    }
}

/// Which shared batches go together: the channel's type and identity.
struct BatchChannelID: Hashable {
    let type: ObjectIdentifier
    let identity: String
}

/// A channel answered with a different number of replies than it was sent
/// requests (a programming error in the channel; shown as an internal error).
struct SharedBatchMismatch: Error {}

extension Loader {
    /// Not shared by default: the loader's `load` runs alone.
    public func sharedBatch(_ keys: [Key]) -> SharedBatch<Key, Value>? { nil }
}

/// One loader's batch of a level, as the registry sends it.
enum PendingBatch {
    /// The loader's own `load`.
    case alone(@Sendable () async -> any Sendable)
    /// A request on a channel shared with other loaders of the level.
    case shared(SharedPart)
}

/// A shared batch with its types erased, and how to turn the channel's reply
/// (or its failure) into the loader box's outcome.
struct SharedPart: Sendable {
    let channel: BatchChannelID
    let request: any Sendable
    let send: @Sendable ([any Sendable]) async throws -> [any Sendable]
    let finish: @Sendable (Result<any Sendable, GraphQLError>) -> any Sendable
}

extension SharedBatch {
    /// The type-erased part for the registry; `outcome` builds the box's outcome.
    func part(outcome: @escaping @Sendable (Result<[Key: Value], GraphQLError>) -> any Sendable) -> SharedPart {
        let values = self.values
        return SharedPart(
            channel: channel,
            request: request, send: send,
            finish: { reply in
                switch reply {
                case .success(let reply):
                    do {
                        return outcome(.success(try values(reply)))
                    } catch {
                        return outcome(.failure(FieldErrors.graphQLError(from: error)))
                    }
                case .failure(let error):
                    return outcome(.failure(error))
                }
            })
    }
}

/// The round trips of one dispatch: every alone batch by itself, and one per
/// channel for the shared ones (in the order the level first asked).
enum RoundTrips {
    /// A round trip's job: the outcomes it produces, by box index.
    typealias Job = @Sendable () async -> [(Int, any Sendable)]

    static func plan(_ batches: [PendingBatch]) -> [Job] {
        var jobs: [Job] = []
        var groups: [BatchChannelID: Int] = [:]
        var shared: [[(Int, SharedPart)]] = []
        for (index, batch) in batches.enumerated() {
            switch batch {
            case .alone(let run):
                jobs.append { [(index, await run())] }
            case .shared(let part):
                if let group = groups[part.channel] {
                    shared[group].append((index, part))
                } else {
                    groups[part.channel] = shared.count
                    shared.append([(index, part)])
                }
            }
        }
        for group in shared {
            jobs.append { await send(group) }
        }
        return jobs
    }

    /// Sends one channel's requests in one `send` and hands each part its reply.
    private static func send(_ group: [(Int, SharedPart)]) async -> [(Int, any Sendable)] {
        guard let first = group.first?.1 else { return [] }
        let replies: Result<[any Sendable], GraphQLError>
        do {
            let answered = try await first.send(group.map { $0.1.request })
            replies =
                answered.count == group.count
                ? .success(answered) : .failure(FieldErrors.graphQLError(from: SharedBatchMismatch()))
        } catch {
            replies = .failure(FieldErrors.graphQLError(from: error))
        }
        return group.enumerated().map { position, member in
            switch replies {
            case .success(let answered): return (member.0, member.1.finish(.success(answered[position])))
            case .failure(let error): return (member.0, member.1.finish(.failure(error)))
            }
        }
    }
}
