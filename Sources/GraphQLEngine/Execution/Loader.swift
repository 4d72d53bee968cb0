/// A batch source of values by key: one `load` call answers every key the
/// fields of one level asked for (https://github.com/graphql/dataloader's
/// idea, here driven by the executor's levels).
///
/// Resolvers do not call `load` themselves; they return
/// `field.load(loader, key:)`, a pending value. The executor collects the keys
/// of a whole level per loader (deduplicated), calls `load` once per loader
/// when the level has been walked, caches the answers for the rest of the
/// request, then completes the waiting fields. A query's round trips thus
/// depend on its depth, never on list lengths. Loaders that share a
/// `BatchChannel` (`sharedBatch(_:)`) go further: all of a level's batches
/// on that channel are one round trip.
public protocol Loader: Sendable {
    associatedtype Key: Hashable & Sendable
    associatedtype Value: Sendable

    /// Distinguishes loaders of the same type that read different things (for
    /// example one generic by-id loader per collection). Loaders of the same
    /// type and identity share one batch and one cache per request.
    var identity: String { get }

    /// The values for `keys` (distinct, in the order first asked). A key left
    /// out of the answer resolves to null. A thrown error fails every field
    /// waiting on this batch.
    func load(_ keys: [Key]) async throws -> [Key: Value]

    /// The batch for `keys` as a request on a channel shared with the
    /// level's other loaders (one round trip for all of them), or nil to run
    /// `load` alone (the default). See `BatchChannel`.
    func sharedBatch(_ keys: [Key]) -> SharedBatch<Key, Value>?
}

extension Loader {
    public var identity: String { "" }
}

/// A value asked of a loader, as a resolver returns it (`ResolvedValue.pending`).
public struct PendingLoad: Sendable {
    let request: any LoadRequest

    init(_ request: any LoadRequest) {
        self.request = request
    }
}

/// What the executor does with a pending value: register its key before the
/// batch, read its answer after.
protocol LoadRequest: Sendable {
    func enqueue(in registry: LoaderRegistry)
    func resolve(in registry: LoaderRegistry) -> ResolvedValue
}

/// One key of one loader, and what to make of the loaded value.
struct KeyedLoad<L: Loader>: LoadRequest {
    let loader: L
    let key: L.Key
    let then: @Sendable (L.Value?) throws -> ResolvedValue

    func enqueue(in registry: LoaderRegistry) {
        registry.box(for: loader).enqueue(key)
    }

    func resolve(in registry: LoaderRegistry) -> ResolvedValue {
        switch registry.box(for: loader).answer(for: key) {
        case .success(let value):
            do {
                return try then(value)
            } catch {
                return .failure(FieldErrors.graphQLError(from: error))
            }
        case .failure(let error):
            return .failure(error)
        }
    }
}

/// A pending value with a transformation applied after it arrives.
struct MappedLoad: LoadRequest {
    let base: any LoadRequest
    let transform: @Sendable (ResolvedValue) throws -> ResolvedValue

    func enqueue(in registry: LoaderRegistry) { base.enqueue(in: registry) }

    func resolve(in registry: LoaderRegistry) -> ResolvedValue {
        base.resolve(in: registry).map(transform)
    }
}
