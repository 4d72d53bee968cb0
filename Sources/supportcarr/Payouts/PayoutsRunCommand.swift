import ArgumentParser
import Foundation
import MongoStore
import SupportCarrData

/// `supportcarr payouts run [--week YYYY-Www]`: one `pending` payout per
/// driver for the succeeded, unpaid payments of an ISO week (`WeeklyPayouts`
/// says why running it twice writes nothing new).
struct PayoutsRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Create the week's pending payouts, one per driver.",
        discussion: """
            Groups each driver's succeeded payments of the ISO week (by processedAt) that no payout \
            covers yet into one PENDING payout (the sum of their driverPayout, their rescue ids, the \
            week as its period) and marks the payments with it, a transaction per driver. Without \
            --week, the last complete week (what a Monday's run pays). Idempotent: one payout per \
            driver and week (a unique index), so a second run writes nothing new; payments that turn \
            up for a week already paid out are counted and left alone. Each payout is audited \
            (payout.create, principal cli:payouts).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "ISO week to pay out, such as 2026-W49 (default: the last complete week, in UTC).")
    var week: String?

    func validate() throws {
        if let week, ISOWeek(week) == nil {
            throw ValidationError("--week must be an ISO week such as 2026-W49; got \(week)")
        }
    }

    func run() async throws {
        let period = week.flatMap(ISOWeek.init) ?? ISOWeek.previous(to: Date())
        let (_, db) = try await database.connect()
        print("payouts run: week \(period) (\(Self.day(period.start)) to \(Self.day(period.end)), end exclusive)")
        let bar = ProgressTotal()
        let summary: WeeklyPayouts.Summary
        do {
            summary = try await WeeklyPayouts(database: db).run(week: period) { done, total in
                bar.update(done, of: total)
            }
        } catch let error as MongoError {
            bar.finish()
            throw ConfigurationProblem(
                "payouts run stopped (the payouts written so far are kept; run it again): \(error.debugDescription)")
        }
        bar.finish()
        print(
            "payouts run: \(summary.payoutsCreated) payouts created for \(summary.paymentsCovered) payments, \(Self.dollars(summary.amount)) in all; \(summary.drivers) drivers had unpaid payments, \(summary.alreadyPaidOut) already paid out for the week (payments left unpaid), \(summary.changedMeanwhile) changed meanwhile (run again)"
        )
    }

    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }

    static func dollars(_ cents: Int64) -> String {
        let remainder = cents % 100
        return "$\(cents / 100).\(remainder < 10 ? "0" : "")\(remainder)"
    }
}

/// The run's bar, made once the number of drivers is known (the first
/// progress call says it).
///
/// `@unchecked Sendable` because `made` is read and written under `lock` alone.
final class ProgressTotal: @unchecked Sendable {
    private let lock = NSLock()
    private var made: ProgressBar?

    func update(_ done: Int, of total: Int) {
        let bar = lock.withLock {
            if let made { return made }
            let bar = ProgressBar(total: total, label: "drivers", enabled: total > 0)
            made = bar
            return bar
        }
        bar.update(done, detail: "\(done) paid out or checked")
    }

    func finish() { lock.withLock { made }?.finish() }
}
