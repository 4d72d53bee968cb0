public import Foundation

/// A BSON UTC datetime: signed milliseconds since the Unix epoch, exactly as the
/// wire format stores it. We keep our own type rather than `Date` so a value read
/// from the database writes back bit for bit (a `Date` is a `Double` of seconds and
/// can round a far-future millisecond); convert with ``init(_:)`` and ``date``.
public struct BSONDate: Sendable, Hashable, Comparable {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The date rounded down to the millisecond, as MongoDB would store it.
    public init(_ date: Date) {
        let ms = (date.timeIntervalSince1970 * 1000).rounded(.down)
        self.millisecondsSinceEpoch = ms.isFinite ? Int64(clamping: Int64(exactly: ms) ?? (ms < 0 ? .min : .max)) : 0
    }

    /// The current time, to the millisecond.
    public static func now() -> BSONDate { BSONDate(Date()) }

    /// The same instant as a Foundation `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000) }

    public static func < (lhs: BSONDate, rhs: BSONDate) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}
