/// Pairs of fragment names already compared by the field-merging check, each
/// with whether the comparison assumed the parents mutually exclusive.
/// The order within a pair does not matter.
struct FragmentPairSet {
    private struct Pair: Hashable {
        var first: String
        var second: String

        init(_ a: String, _ b: String) {
            if a < b {
                first = a
                second = b
            } else {
                first = b
                second = a
            }
        }
    }

    private var pairs: [Pair: Bool] = [:]

    var isEmpty: Bool { pairs.isEmpty }

    /// Whether the pair was compared in a way that covers this comparison: a
    /// comparison under mutually exclusive parents is covered by either kind,
    /// one without is covered only by one without.
    func contains(_ a: String, _ b: String, mutuallyExclusive: Bool) -> Bool {
        guard let recorded = pairs[Pair(a, b)] else { return false }
        return mutuallyExclusive || !recorded
    }

    mutating func insert(_ a: String, _ b: String, mutuallyExclusive: Bool) {
        pairs[Pair(a, b)] = mutuallyExclusive
    }
}
