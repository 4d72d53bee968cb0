/// The time by which the operations of the current task must be done, so the
/// database stops working for a request nobody waits for any more.
///
/// Set it around a unit of work (`MongoDeadline.$current.withValue(deadline)
/// { ... }`; the gateway does so for each operation's execution); every read
/// made in it then carries `maxTimeMS` with the time left (the server stops
/// the command when it runs out, https://www.mongodb.com/docs/manual/reference/method/cursor.maxTimeMS/),
/// a command that would start after the deadline fails at once with `.timeout`
/// without being sent, and waiting for a pooled client ends at the deadline.
/// Writes carry no `maxTimeMS` (a write cut off part-way is worse than one
/// that finishes late); they are bounded by the socket timeout.
public enum MongoDeadline {
    @TaskLocal public static var current: ContinuousClock.Instant?

    /// Whole milliseconds left before `current` (at least 1), nil without a
    /// deadline; `.timeout` when it has passed.
    static func remainingMilliseconds() throws(MongoError) -> Int64? {
        guard let deadline = current else { return nil }
        let left = deadline - .now
        guard left > .zero else { throw MongoError.deadlinePassed }
        let (seconds, attoseconds) = left.components
        return max(1, seconds * 1_000 + attoseconds / 1_000_000_000_000_000)
    }

    /// `options` with `maxTimeMS` set to the time left when there is a
    /// deadline (or kept, when the caller asked for less).
    static func readOptions(_ options: BSONDocument) throws(MongoError) -> BSONDocument {
        guard let milliseconds = try remainingMilliseconds() else { return options }
        var options = options
        let asked: Int64? =
            switch options["maxTimeMS"] {
            case .int32(let n)?: Int64(n)
            case .int64(let n)?: n
            default: nil
            }
        options["maxTimeMS"] = .int64(min(milliseconds, asked ?? .max))
        return options
    }
}
