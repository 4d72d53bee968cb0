/// Turns a request's parameters into the document text to run, applying
/// automatic persisted queries:
///
/// - text only: run it;
/// - hash only: the registered text, or `PersistedQueryNotFound` (the exact
///   message and code Apollo clients look for before they retry with the text);
/// - hash and text: the hash must be the text's SHA-256 (else
///   `PERSISTED_QUERY_HASH_MISMATCH`), then the text is registered and run.
struct PersistedQueryResolver: Sendable {
    let store: PersistedQueryStore

    enum Outcome: String, Sendable {
        case none, hit, miss, registered
    }

    func documentText(for parameters: GraphQLHTTPParameters) async throws(TransportError) -> (String, Outcome) {
        guard let reference = parameters.persistedQuery else {
            // fromJSON/fromQueryString guarantee a query when there is no hash.
            guard let query = parameters.query else { throw .badRequest("The request has no \"query\"") }
            return (query, .none)
        }
        guard let query = parameters.query else {
            guard let text = await store.text(forHash: reference.sha256Hash) else { throw .persistedQueryNotFound }
            return (text, .hit)
        }
        guard PersistedQueryStore.sha256Hex(of: query) == reference.sha256Hash else {
            throw .persistedQueryHashMismatch
        }
        await store.register(query, hash: reference.sha256Hash)
        return (query, .registered)
    }
}
