public import Foundation

/// An ISO 8601 week (`2026-W49`): Monday 00:00 UTC to the next Monday, the
/// period of one weekly payout. Week 1 is the week holding the year's first
/// Thursday, so a week's year can differ from its days' (2026-W01 starts on
/// 29 December 2025) and some years have a week 53.
public struct ISOWeek: Sendable, Hashable, CustomStringConvertible {
    public let year: Int
    public let week: Int
    /// Monday 00:00 UTC (inclusive).
    public let start: Date
    /// The next Monday 00:00 UTC (exclusive).
    public var end: Date { start.addingTimeInterval(7 * 86_400) }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The week `year`-W`week`; nil when the year has no such week.
    public init?(year: Int, week: Int) {
        guard (1...53).contains(week), (1970...9999).contains(year) else { return nil }
        var components = DateComponents()
        components.yearForWeekOfYear = year
        components.weekOfYear = week
        components.weekday = 2  // Monday
        components.hour = 0
        guard let start = Self.calendar.date(from: components) else { return nil }
        // Week 53 of a 52-week year would land in the next year's week 1.
        let back = Self.calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: start)
        guard back.yearForWeekOfYear == year, back.weekOfYear == week else { return nil }
        self.year = year
        self.week = week
        self.start = start
    }

    /// The week written `YYYY-Www` (`2026-W49`); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 3, parts[1].first == "W",
            parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
            parts[1].dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }),
            let year = Int(parts[0]), let week = Int(parts[1].dropFirst())
        else { return nil }
        self.init(year: year, week: week)
    }

    /// The week holding `date`.
    public init(containing date: Date) {
        let components = Self.calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        // Every date is in some ISO week, so this cannot fail.
        self.init(year: components.yearForWeekOfYear ?? 1970, week: components.weekOfYear ?? 1)!
    }

    /// The last complete week before the one holding `date`: what a Monday's
    /// run pays out.
    public static func previous(to date: Date) -> ISOWeek {
        ISOWeek(containing: ISOWeek(containing: date).start.addingTimeInterval(-86_400))
    }

    public var description: String {
        String(year) + "-W" + (week < 10 ? "0" : "") + String(week)
    }
}
