/// The loaders of one request: their pending keys and their cached answers.
///
/// Owned by one execution and touched only by the task that drives it (the
/// batches themselves run in child tasks and hand their outcomes back), so it
/// needs no lock.
final class LoaderRegistry {
    private var boxes: [LoaderID: AnyLoaderBox] = [:]
    private var withPendingKeys: [AnyLoaderBox] = []
    /// How many batches have been sent in this request.
    private(set) var batchCount = 0
    /// The keys of each batch sent, in order (for metrics: the size of each `$in`).
    private(set) var batchSizes: [Int] = []
    /// How many round trips they took (shared batches of a level count once).
    private(set) var roundTripCount = 0

    struct LoaderID: Hashable {
        let type: ObjectIdentifier
        let identity: String
    }

    func box<L: Loader>(for loader: L) -> LoaderBox<L> {
        let id = LoaderID(type: ObjectIdentifier(L.self), identity: loader.identity)
        if let existing = boxes[id] as? LoaderBox<L> { return existing }
        let box = LoaderBox(loader: loader, registry: self)
        boxes[id] = box
        return box
    }

    func markPending(_ box: AnyLoaderBox) {
        withPendingKeys.append(box)
    }

    var hasPendingKeys: Bool { !withPendingKeys.isEmpty }

    /// Sends one batch per loader with pending keys, all loaders at once, and
    /// stores the answers. Batches naming the same `BatchChannel` go out as
    /// one round trip.
    func dispatch() async {
        let boxes = withPendingKeys
        withPendingKeys = []
        batchCount += boxes.count
        for box in boxes { batchSizes.append(box.pendingCount) }
        let jobs = RoundTrips.plan(boxes.map { $0.takeBatch() })
        roundTripCount += jobs.count
        if jobs.count == 1 {
            for (index, outcome) in await jobs[0]() { boxes[index].store(outcome) }
            return
        }
        var outcomes = [(any Sendable)?](repeating: nil, count: boxes.count)
        await withTaskGroup(of: [(Int, any Sendable)].self) { group in
            for job in jobs {
                group.addTask { await job() }
            }
            for await answered in group {
                for (index, outcome) in answered { outcomes[index] = outcome }
            }
        }
        for (box, outcome) in zip(boxes, outcomes) {
            if let outcome { box.store(outcome) }
        }
    }
}

/// A loader's state within a request, seen without its key and value types.
class AnyLoaderBox {
    /// How many keys wait for the next batch.
    var pendingCount: Int { 0 }
    /// The pending keys as a batch to send (pending keys are cleared).
    func takeBatch() -> PendingBatch { .alone { () } }
    /// Stores what a job returned.
    func store(_ outcome: any Sendable) {}
}

final class LoaderBox<L: Loader>: AnyLoaderBox {
    let loader: L
    unowned let registry: LoaderRegistry
    private var pending: [L.Key] = []
    private var queued = Set<L.Key>()
    /// Loaded keys; the inner nil means the loader had no value for the key.
    private var answers: [L.Key: L.Value?] = [:]
    private var failures: [L.Key: GraphQLError] = [:]

    init(loader: L, registry: LoaderRegistry) {
        self.loader = loader
        self.registry = registry
    }

    struct Outcome: Sendable {
        let keys: [L.Key]
        let result: Result<[L.Key: L.Value], GraphQLError>
    }

    func enqueue(_ key: L.Key) {
        if answers.index(forKey: key) != nil || failures[key] != nil || queued.contains(key) { return }
        if pending.isEmpty { registry.markPending(self) }
        pending.append(key)
        queued.insert(key)
    }

    func answer(for key: L.Key) -> Result<L.Value?, GraphQLError> {
        if let error = failures[key] { return .failure(error) }
        if let answer = answers[key] { return .success(answer) }
        return .success(nil)
    }

    override var pendingCount: Int { pending.count }

    override func takeBatch() -> PendingBatch {
        let keys = pending
        pending = []
        queued = []
        let loader = self.loader
        if let shared = loader.sharedBatch(keys) {
            return .shared(shared.part { result in Outcome(keys: keys, result: result) })
        }
        return .alone {
            do {
                return Outcome(keys: keys, result: .success(try await loader.load(keys)))
            } catch {
                return Outcome(keys: keys, result: .failure(FieldErrors.graphQLError(from: error)))
            }
        }
    }

    override func store(_ outcome: any Sendable) {
        guard let outcome = outcome as? Outcome else { return }
        switch outcome.result {
        case .success(let values):
            for key in outcome.keys { answers[key] = .some(values[key]) }
        case .failure(let error):
            for key in outcome.keys { failures[key] = error }
        }
    }
}
