/// What a resolver produces for a field: a typed value the executor completes
/// against the field's type (https://spec.graphql.org/October2021/#sec-Value-Completion).
///
/// The cases cover every shape a field's value can take before completion:
/// - `.json`: a JSON-shaped value. A leaf type serializes it; an object type
///   reads it as a `FieldSource` (a JSON object's keys are its fields); a list
///   type iterates a JSON array. This is what the default resolver returns for
///   JSON-backed data, so nested data is never converted up front.
/// - `.object`: a parent for the next level's fields (a BSON document, a model
///   value, anything conforming to `FieldSource`).
/// - `.list`: items completed one by one against the list's item type; items
///   may themselves be pending.
/// - `.pending`: a value asked of a `Loader`; it arrives when the loader's
///   batch for the current level has run (`FieldContext.load`).
/// - `.async`: work that has to wait for I/O; the executor runs all of a
///   level's async values concurrently. A synchronous resolver never needs it,
///   so it costs no task.
/// - `.failure`: a field error, as if the resolver had thrown it.
public enum ResolvedValue: Sendable {
    case null
    case json(JSONValue)
    case object(any FieldSource)
    case list([ResolvedValue])
    case pending(PendingLoad)
    case async(AsyncResolution)
    case failure(GraphQLError)

    /// A value computed by an `async` closure, resolved concurrently with the
    /// level's other async values.
    public static func async(_ body: @escaping @Sendable () async throws -> ResolvedValue) -> ResolvedValue {
        .async(AsyncResolution(body))
    }

    /// Leaf shortcuts.
    public static func string(_ value: String) -> ResolvedValue { .json(.string(value)) }
    public static func int(_ value: Int) -> ResolvedValue { .json(.int(value)) }
    public static func double(_ value: Double) -> ResolvedValue { .json(.double(value)) }
    public static func bool(_ value: Bool) -> ResolvedValue { .json(.bool(value)) }

    /// Applies `transform` to the value once it is known: at once for a ready
    /// value, after the loader batch for a pending one, after the await for an
    /// async one. This is how a field middleware post-processes (for example
    /// decrypts) whatever the resolver produced, without caring how it was
    /// produced. Errors thrown by `transform` become field errors.
    public func map(_ transform: @escaping @Sendable (ResolvedValue) throws -> ResolvedValue) -> ResolvedValue {
        switch self {
        case .pending(let load):
            return .pending(PendingLoad(MappedLoad(base: load.request, transform: transform)))
        case .async(let work):
            return .async(
                AsyncResolution {
                    try await work.body().map(transform).settled()
                })
        case .failure:
            return self
        default:
            do {
                return try transform(self)
            } catch {
                return .failure(FieldErrors.graphQLError(from: error))
            }
        }
    }

    /// Awaits `.async` values (a helper for mapped async work).
    func settled() async throws -> ResolvedValue {
        if case .async(let work) = self { return try await work.body().settled() }
        return self
    }

    var isNull: Bool {
        switch self {
        case .null: return true
        case .json(.null): return true
        default: return false
        }
    }
}

/// The body of an `.async` value.
public struct AsyncResolution: Sendable {
    let body: @Sendable () async throws -> ResolvedValue

    public init(_ body: @escaping @Sendable () async throws -> ResolvedValue) {
        self.body = body
    }
}
