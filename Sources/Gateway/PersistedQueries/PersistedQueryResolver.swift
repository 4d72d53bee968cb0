/// Turns a request's parameters into the document text to run, applying
/// automatic persisted queries:
///
/// - text only: run it;
/// - hash only: the registered text, or `PersistedQueryNotFound` (the exact
///   message and code Apollo clients look for before they retry with the text);
/// - hash and text: the hash must be the text's SHA-256 (else
///   `PERSISTED_QUERY_HASH_MISMATCH`), then the text is run and registered.
///
/// Two steps, so that registering waits for the request to be allowed:
/// `resolve` only reads the store, and `register` is called by the handler
/// once the caller is known and may run the operation (authenticated, or
/// anonymous with an introspection-only operation, and within its rate
/// limit). A refused request leaves nothing in the store: otherwise anyone
/// could fill it (and push out other clients' documents) with texts they
/// may not run.
struct PersistedQueryResolver: Sendable {
    let store: PersistedQueryStore
    /// Counts the lookups by hash, hit or miss.
    let metrics: GatewayMetrics

    enum Outcome: String, Sendable {
        case none, hit, miss, registered
    }

    /// A request's document text, with what registering it takes.
    struct Resolved: Sendable {
        let text: String
        /// `.none` or `.hit`; `register` makes a pending registration `.registered`.
        let outcome: Outcome
        /// The hash to register `text` under, nil when there is nothing to register.
        let pendingHash: String?
    }

    func resolve(_ parameters: GraphQLHTTPParameters) async throws(TransportError) -> Resolved {
        guard let reference = parameters.persistedQuery else {
            // fromJSON/fromQueryString guarantee a query when there is no hash.
            guard let query = parameters.query else { throw .badRequest("The request has no \"query\"") }
            return Resolved(text: query, outcome: .none, pendingHash: nil)
        }
        guard let query = parameters.query else {
            guard let text = await store.text(forHash: reference.sha256Hash) else {
                metrics.recordPersistedQueryLookup(hit: false)
                throw .persistedQueryNotFound
            }
            metrics.recordPersistedQueryLookup(hit: true)
            return Resolved(text: text, outcome: .hit, pendingHash: nil)
        }
        guard PersistedQueryStore.sha256Hex(of: query) == reference.sha256Hash else {
            throw .persistedQueryHashMismatch
        }
        return Resolved(text: query, outcome: .none, pendingHash: reference.sha256Hash)
    }

    /// Registers a resolved text under its hash, if it came with one; call
    /// only for a request that may run it. The outcome to record.
    func register(_ resolved: Resolved) async -> Outcome {
        guard let hash = resolved.pendingHash else { return resolved.outcome }
        await store.register(resolved.text, hash: hash)
        return .registered
    }
}
