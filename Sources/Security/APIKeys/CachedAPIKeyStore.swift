public import CoreMetrics
import Synchronization

/// An `APIKeyStore` that remembers what its base store answered for each
/// lookup prefix, found or not, for `lifetime`: the usual request verifies
/// its key without a database round trip.
///
/// What is cached is the stored record (key hash, permissions, expiry, active
/// flag, the user's role and profile ids), not a verdict: `APIKeyVerifier`
/// checks the presented key against it and expiry against the request's time
/// on every request. (The record carries a `VerificationMemo`, so the key that
/// last matched it is not hashed again while the record is kept: it lives and
/// dies with this cache's entry.)
///
/// Staleness bound: a change to a key or its user (revoked, permissions
/// edited, role changed) takes effect within `lifetime` (default 5 s) in every
/// gateway process; so does a new key whose prefix was asked for just before
/// it was stored (an unknown prefix is cached as unknown too, so a client
/// sending the same wrong key again costs no round trip).
///
/// Bounded: at most `capacity` prefixes. When full, expired entries are
/// dropped; if none is expired, the new answer is used but not kept. Lookups
/// of one prefix that arrive while it is being read wait for that read
/// instead of sending their own.
public final class CachedAPIKeyStore: APIKeyStore {
    public let base: any APIKeyStore
    public let lifetime: Duration
    public let capacity: Int

    private enum Slot {
        /// Read at `at`: the candidate, or nil for an unknown prefix.
        case answered(APIKeyCandidate?, at: ContinuousClock.Instant)
        /// Being read; later askers wait for it.
        case reading(Task<APIKeyCandidate?, any Error>)
    }

    private let slots = Mutex<[String: Slot]>([:])
    private let clock = ContinuousClock()
    private let hits: CoreMetrics.Counter
    private let misses: CoreMetrics.Counter

    /// The swift-metrics counter of lookups, labelled `cache="api_key"` and
    /// `result` (`hit`: answered from memory; `miss`: read from the base store,
    /// or waiting for a read of the same prefix already under way).
    public static let lookupsMetric = "supportcarr_cache_requests_total"

    /// - Parameter metrics: where the hit and miss counters go (the gateway's
    ///   registry in `serve`); by default nowhere.
    public init(
        base: any APIKeyStore, lifetime: Duration = .seconds(5), capacity: Int = 10_000,
        metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        self.base = base
        self.lifetime = lifetime
        self.capacity = max(1, capacity)
        self.hits = Counter(
            label: Self.lookupsMetric, dimensions: [("cache", "api_key"), ("result", "hit")], factory: metrics)
        self.misses = Counter(
            label: Self.lookupsMetric, dimensions: [("cache", "api_key"), ("result", "miss")], factory: metrics)
    }

    /// The default lifetime, also the revocation bound `README.md` states.
    public static let defaultLifetime = Duration.seconds(5)

    public func candidate(forLookupPrefix lookupPrefix: String) async throws -> APIKeyCandidate? {
        let now = clock.now
        let action: (cached: APIKeyCandidate??, task: Task<APIKeyCandidate?, any Error>?) = slots.withLock { slots in
            switch slots[lookupPrefix] {
            case .answered(let candidate, let at)? where now - at < lifetime:
                return (.some(candidate), nil)
            case .reading(let task)?:
                return (nil, task)
            default:
                let (base, clock, lifetime) = (self.base, self.clock, self.lifetime)
                let task = Task {
                    var candidate = try await base.candidate(forLookupPrefix: lookupPrefix)
                    // Kept from (a little after) now: no verification against it outlives that.
                    candidate?.reusableUntil = clock.now + lifetime
                    return candidate
                }
                slots[lookupPrefix] = .reading(task)
                return (nil, task)
            }
        }
        if let cached = action.cached {
            hits.increment()
            return cached
        }
        misses.increment()
        guard let task = action.task else { return nil }
        do {
            let candidate = try await task.value
            store(candidate, for: lookupPrefix, readBy: task)
            return candidate
        } catch {
            // A failed read is not remembered: the next request asks again.
            slots.withLock { slots in
                if case .reading(let current)? = slots[lookupPrefix], current == task { slots[lookupPrefix] = nil }
            }
            throw error
        }
    }

    /// Keeps `candidate` as the answer for `prefix`, if `task` is still the read in progress.
    private func store(
        _ candidate: APIKeyCandidate?, for prefix: String, readBy task: Task<APIKeyCandidate?, any Error>
    ) {
        let now = clock.now
        slots.withLock { slots in
            guard case .reading(let current)? = slots[prefix], current == task else { return }
            if slots.count > capacity {
                slots = slots.filter { _, slot in
                    if case .answered(_, let at) = slot { return now - at < lifetime }
                    return true
                }
            }
            slots[prefix] = slots.count > capacity ? nil : .answered(candidate, at: now)
        }
    }

    /// Prefixes held now (answered or being read).
    var count: Int { slots.withLock { $0.count } }

    /// Forgets every answer (tests; an operator tool that just revoked keys in this process).
    public func removeAll() {
        slots.withLock { $0.removeAll() }
    }
}
