import Synchronization

/// A bounded cache of prepared documents (parsed, within the limits,
/// validated) keyed by their text, so a repeated query is parsed and validated
/// once.
///
/// Eviction is CLOCK (second chance): each entry has a reference bit set on
/// use; the hand sweeps past recently used entries, clearing their bits, and
/// evicts the first unused one. Bounded both by entry count and by the total
/// text size; a single text larger than the byte cap is not cached. Its state
/// is behind a mutex, held only for a lookup or an insertion: parsing and
/// validation happen outside it, so the cache never serializes that work. Not
/// an actor: every request looks its text up, and an actor's hop (a
/// suspension, and another thread's wake-up whenever two requests met there)
/// cost more than the lookup itself.
///
/// A service with `QueryLimits` keeps their verdict with the document, so
/// share one cache only between services with the same schema and limits.
public final class DocumentCache: Sendable {
    /// What a text parsed and validated to: a document ready to execute, or
    /// the errors to answer with.
    public enum Entry: Sendable {
        case document(PreparedDocument)
        case errors([GraphQLError])
    }

    public let maxEntries: Int
    public let maxBytes: Int
    private let state = Mutex(State())

    private struct State {
        var slots: [Slot] = []
        var index: [String: Int] = [:]
        var hand = 0
        var totalBytes = 0
        var hits = 0
        var misses = 0
    }

    private struct Slot {
        var key: String
        var entry: Entry
        var referenced: Bool
    }

    /// What the cached documents' introspection answers may hold together
    /// (`IntrospectionAnswers`).
    let answerBudget: AnswerBudget

    /// - Parameters:
    ///   - maxEntries: documents kept at most.
    ///   - maxBytes: their texts' total size at most.
    ///   - maxAnswerBytes: the total size of the introspection-only
    ///     operations' answers kept with the documents, each charged twice
    ///     its JSON plus its result slots (`IntrospectionAnswers.size(of:)`;
    ///     the full introspection query's JSON is about 200 KB on the
    ///     gateway's schema); 0 keeps none.
    public init(maxEntries: Int = 1_000, maxBytes: Int = 16 << 20, maxAnswerBytes: Int = 16 << 20) {
        self.maxEntries = max(1, maxEntries)
        self.maxBytes = max(1, maxBytes)
        self.answerBudget = AnswerBudget(limit: maxAnswerBytes)
    }

    /// The bytes of introspection answers kept now.
    public var answerBytes: Int { answerBudget.usedBytes }

    public var count: Int { state.withLock { $0.index.count } }
    /// Lookups that found their text.
    public var hits: Int { state.withLock { $0.hits } }
    /// Lookups that did not.
    public var misses: Int { state.withLock { $0.misses } }

    public func entry(for text: String) -> Entry? {
        state.withLock { state in
            guard let position = state.index[text] else {
                state.misses += 1
                return nil
            }
            state.hits += 1
            state.slots[position].referenced = true
            return state.slots[position].entry
        }
    }

    public func store(_ entry: Entry, for text: String) {
        let size = text.utf8.count
        guard size <= maxBytes else { return }
        let (maxEntries, maxBytes) = (self.maxEntries, self.maxBytes)
        state.withLock { state in
            if let position = state.index[text] {
                state.slots[position].entry = entry
                state.slots[position].referenced = true
                return
            }
            while !state.slots.isEmpty && (state.slots.count >= maxEntries || state.totalBytes + size > maxBytes) {
                Self.evictOne(&state)
            }
            state.index[text] = state.slots.count
            state.slots.append(Slot(key: text, entry: entry, referenced: false))
            state.totalBytes += size
        }
    }

    private static func evictOne(_ state: inout State) {
        while true {
            if state.hand >= state.slots.count { state.hand = 0 }
            if state.slots[state.hand].referenced {
                state.slots[state.hand].referenced = false
                state.hand += 1
                continue
            }
            let victim = state.slots[state.hand]
            state.index[victim.key] = nil
            state.totalBytes -= victim.key.utf8.count
            let last = state.slots.count - 1
            if state.hand != last {
                state.slots[state.hand] = state.slots[last]
                state.index[state.slots[state.hand].key] = state.hand
            }
            state.slots.removeLast()
            return
        }
    }
}
