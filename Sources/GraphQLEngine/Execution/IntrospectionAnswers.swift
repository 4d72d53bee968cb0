import Synchronization

/// The answers of a cached document's introspection-only operations, kept
/// with the document so that asking again costs a lookup.
///
/// An operation that selects nothing but introspection (`__schema`, `__type`,
/// `__typename`) reads only the schema, so run without variables its answer
/// is a function of the document alone: the same bytes for every caller, in
/// every request. Schema tooling asks exactly that again and again (GraphiQL
/// and code generators send the full introspection query, about 200 KB of
/// JSON that took 3–4 ms to build), and clients probe with
/// `{ __typename }`. With variables the answer is made afresh (`__type(name:
/// $name)` depends on them), as is an answer with errors.
///
/// Bounded: what all documents' answers hold together is capped by the
/// cache's ``AnswerBudget``; an answer that does not fit is not kept (the
/// request is answered all the same), and an evicted document gives its
/// answers' bytes back.
final class IntrospectionAnswers: Sendable {
    private struct State {
        /// Each operation's answer, by the operation's start offset.
        var answers: [Int: GraphQLResponse] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    private let budget: AnswerBudget

    init(budget: AnswerBudget) {
        self.budget = budget
    }

    /// The answer kept for the operation starting at `offset`.
    func answer(at offset: Int) -> GraphQLResponse? {
        state.withLock { $0.answers[offset] }
    }

    /// Keeps `response` (already encoded) for the operation at `offset` when
    /// the budget has room for it; the first answer kept wins.
    func keep(_ response: GraphQLResponse, at offset: Int) {
        let size = Self.size(of: response)
        guard size > 0, budget.take(size) else { return }
        let kept = state.withLock { state in
            guard state.answers[offset] == nil else { return false }
            state.answers[offset] = response
            state.bytes += size
            return true
        }
        if !kept { budget.giveBack(size) }
    }

    /// What a kept answer is charged: its JSON, and its result tree (kept
    /// for the status and `data`) as its slots plus the strings they hold,
    /// counted as about the JSON's size again.
    static func size(of response: GraphQLResponse) -> Int {
        guard let encoded = response.encoded else { return 0 }
        return 2 * encoded.count + (response.tree?.slots.count ?? 0) * MemoryLayout<ResultSlot>.stride
    }

    deinit {
        budget.giveBack(state.withLock { $0.bytes })
    }
}

/// How many bytes of introspection answers every document of one
/// `DocumentCache` may hold together.
final class AnswerBudget: Sendable {
    let limit: Int
    private let used = Atomic(0)

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// The bytes taken now.
    var usedBytes: Int { used.load(ordering: .relaxed) }

    /// Takes `bytes` if they fit under the limit.
    func take(_ bytes: Int) -> Bool {
        var current = used.load(ordering: .relaxed)
        while true {
            guard current + bytes <= limit else { return false }
            let (exchanged, original) = used.compareExchange(
                expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    func giveBack(_ bytes: Int) {
        guard bytes > 0 else { return }
        used.subtract(bytes, ordering: .relaxed)
    }
}
