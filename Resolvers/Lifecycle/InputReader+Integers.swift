import GraphQLEngine

/// Integer arguments: a score, an amount of cents, a year or month.
extension InputReader {
    /// A required `Int` within `range`.
    func int(in range: ClosedRange<Int>) throws(UserInputError) -> Int {
        guard case .int(let number)? = value else { throw refuse("is required") }
        guard range.contains(number) else {
            throw refuse("must be between \(range.lowerBound) and \(range.upperBound); got \(number)")
        }
        return number
    }

    /// An optional `Int` within `range`; nil when absent or null.
    func optionalInt(in range: ClosedRange<Int>) throws(UserInputError) -> Int? {
        if isMissing { return nil }
        return try int(in: range)
    }
}
