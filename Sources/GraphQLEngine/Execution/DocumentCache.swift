/// A bounded cache of prepared documents (parsed, within the limits,
/// validated) keyed by their text, so a repeated query is parsed and validated
/// once.
///
/// Eviction is CLOCK (second chance): each entry has a reference bit set on
/// use; the hand sweeps past recently used entries, clearing their bits, and
/// evicts the first unused one. Bounded both by entry count and by the total
/// text size; a single text larger than the byte cap is not cached. An actor,
/// so concurrent requests share it safely; parsing and validation happen
/// outside it, so the cache never serializes that work.
///
/// A service with `QueryLimits` keeps their verdict with the document, so
/// share one cache only between services with the same schema and limits.
public actor DocumentCache {
    /// What a text parsed and validated to: a document ready to execute, or
    /// the errors to answer with.
    public enum Entry: Sendable {
        case document(PreparedDocument)
        case errors([GraphQLError])
    }

    public let maxEntries: Int
    public let maxBytes: Int
    private var slots: [Slot] = []
    private var index: [String: Int] = [:]
    private var hand = 0
    private var totalBytes = 0
    public private(set) var hits = 0
    public private(set) var misses = 0

    private struct Slot {
        var key: String
        var entry: Entry
        var referenced: Bool
    }

    public init(maxEntries: Int = 1_000, maxBytes: Int = 16 << 20) {
        self.maxEntries = max(1, maxEntries)
        self.maxBytes = max(1, maxBytes)
    }

    public var count: Int { index.count }

    public func entry(for text: String) -> Entry? {
        guard let position = index[text] else {
            misses += 1
            return nil
        }
        hits += 1
        slots[position].referenced = true
        return slots[position].entry
    }

    public func store(_ entry: Entry, for text: String) {
        let size = text.utf8.count
        guard size <= maxBytes else { return }
        if let position = index[text] {
            slots[position].entry = entry
            slots[position].referenced = true
            return
        }
        while !slots.isEmpty && (slots.count >= maxEntries || totalBytes + size > maxBytes) {
            evictOne()
        }
        index[text] = slots.count
        slots.append(Slot(key: text, entry: entry, referenced: false))
        totalBytes += size
    }

    private func evictOne() {
        while true {
            if hand >= slots.count { hand = 0 }
            if slots[hand].referenced {
                slots[hand].referenced = false
                hand += 1
                continue
            }
            let victim = slots[hand]
            index[victim.key] = nil
            totalBytes -= victim.key.utf8.count
            let last = slots.count - 1
            if hand != last {
                slots[hand] = slots[last]
                index[slots[hand].key] = hand
            }
            slots.removeLast()
            return
        }
    }
}
