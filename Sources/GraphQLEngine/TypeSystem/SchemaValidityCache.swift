import Synchronization

/// The result of `validateSchema(_:)` for one schema, computed the first time
/// it is asked for and kept: a schema is immutable, so its validity never
/// changes, and `validate(schema:document:)` asks on every request (as
/// graphql-js keeps `__validationErrors` on its schema object).
///
/// Thread-safe: concurrent requests may ask at once. The computation runs
/// outside the lock, so two first callers may both compute; both get the same
/// answer and the first one stored wins.
final class SchemaValidityCache: Sendable {
    private let stored = Mutex<[GraphQLError]?>(nil)

    init() {}

    /// The cached errors, computing them with `compute` the first time.
    func errors(computing compute: () -> [GraphQLError]) -> [GraphQLError] {
        if let known = stored.withLock({ $0 }) { return known }
        let computed = compute()
        return stored.withLock { value in
            if let known = value { return known }
            value = computed
            return computed
        }
    }
}
