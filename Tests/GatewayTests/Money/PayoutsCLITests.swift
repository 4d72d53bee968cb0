import DataModel
import Foundation
import MongoStore
import SupportCarrData
import Testing

/// `supportcarr payouts run` as a process: one pending payout per driver and
/// ISO week, and a second run writes nothing new.
@Suite("The payouts run command", .serialized)
struct PayoutsCLITests {
    /// 2026-W10: Monday 2 March 2026 to Monday 9 March, UTC.
    static let week = "2026-W10"
    static let inWeek = BSONDate(millisecondsSinceEpoch: 1_772_668_800_000)  // 2026-03-05T00:00:00Z
    static let afterWeek = BSONDate(millisecondsSinceEpoch: 1_773_100_800_000)  // 2026-03-10T00:00:00Z

    static func run(_ arguments: [String], database: MongoDatabase) async throws -> (Int32?, String, String) {
        let process = try Subprocess.start(
            Subprocess.supportcarr, ["payouts", "run"] + arguments,
            environment: [
                "MONGODB_URI": try TestDatabase.uri(), "SUPPORTCARR_DB": database.name,
                "SUPPORTCARR_ENV": "development",
            ])
        defer { process.removeFiles() }
        let status = try await process.exitStatus(within: .seconds(120))
        return (status, process.stdout, process.stderr)
    }

    @Test("groups each driver's succeeded, unpaid payments of the week; twice writes nothing new")
    func idempotent() async throws {
        try await TestDatabase.with { _, database in
            _ = try await Migrator().migrate(database)
            let first = try await StripeWebhookHTTPTests.parties(in: database)
            let second = try await StripeWebhookHTTPTests.parties(in: database)
            var paid: [ObjectID] = []
            for amount in [5000, 2500] as [Int64] {
                paid.append(try await first.payment(in: database, amount: amount, processedAt: Self.inWeek).payment)
            }
            paid.append(try await second.payment(in: database, amount: 10_000, processedAt: Self.inWeek).payment)
            // Not this week's, not succeeded, or already covered by an older payout.
            let later = try await first.payment(in: database, processedAt: Self.afterWeek).payment
            let pending = try await first.payment(in: database, status: "pending", processedAt: Self.inWeek).payment
            let (covered, coveredRescue) = try await second.payment(in: database, processedAt: Self.inWeek)
            try await database.collection(.payouts).insertOne([
                "_id": .objectID(ObjectID()), "driverId": .objectID(second.driverProfile), "amount": 4000,
                "status": "paid", "rescueIds": [.objectID(coveredRescue)], "periodStart": .date(Self.inWeek),
                "periodEnd": .date(Self.afterWeek), "createdAt": .date(.now()), "updatedAt": .date(.now()),
            ])

            let (status, output, _) = try await Self.run(["--week", Self.week], database: database)
            #expect(status == 0 || status == nil, "\(output)")
            #expect(output.contains("2 payouts created for 3 payments, $140.00 in all"), "\(output)")
            let payouts = try await database.collection(.payouts).find(
                ["payoutKey": ["$exists": true]], options: FindOptions(sort: ["amount": 1]))
            try #require(payouts.count == 2)
            #expect(payouts[0]["driverId"] == .objectID(first.driverProfile))
            #expect(try payouts[0]["amount", as: Int.self] == 4000 + 2000)
            #expect(try payouts[0]["rescueIds", as: [BSONValue].self]?.count == 2)
            #expect(payouts[0]["status"] == "pending")
            #expect(payouts[0]["payoutKey"] == .string(first.driverProfile.hex + ":" + Self.week))
            #expect(try payouts[1]["amount", as: Int.self] == 8000)
            #expect(try payouts[0]["periodStart", as: BSONDate.self]?.millisecondsSinceEpoch == 1_772_409_600_000)
            for id in paid {
                let payment = try await database.collection(.payments).findOne(["_id": .objectID(id)])
                #expect(payment?["payoutId"]?.typeName == "objectId")
            }
            for id in [later, pending, covered] {
                let payment = try await database.collection(.payments).findOne(["_id": .objectID(id)])
                #expect(payment?["payoutId"] == nil)
            }
            #expect(try await database.collection(.auditLogs).countDocuments(["action": "payout.create"]) == 2)

            let (again, secondOutput, _) = try await Self.run(["--week", Self.week], database: database)
            #expect(again == 0 || again == nil)
            #expect(secondOutput.contains("0 payouts created"), "\(secondOutput)")
            #expect(try await database.collection(.payouts).countDocuments() == 3)

            // A payment of an already paid-out week (its mark lost): the unique
            // index, not a read, keeps the week at one payout per driver.
            _ = try await database.collection(.payments).updateOne(
                ["_id": .objectID(paid[0])], ["$unset": ["payoutId": ""]])
            try await database.collection(.payouts).updateMany(
                ["driverId": .objectID(first.driverProfile)], ["$set": ["rescueIds": []]])
            let (_, thirdOutput, _) = try await Self.run(["--week", Self.week], database: database)
            #expect(thirdOutput.contains("0 payouts created"), "\(thirdOutput)")
            #expect(thirdOutput.contains("1 already paid out"), "\(thirdOutput)")
            #expect(try await database.collection(.payouts).countDocuments() == 3)
        }
    }

    @Test("a malformed week is refused before anything runs")
    func badWeek() async throws {
        try await TestDatabase.with { _, database in
            for week in ["2026-10", "2026-W54", "2021-W53", "20x6-W01"] {
                let (status, _, errors) = try await Self.run(["--week", week], database: database)
                #expect(status != 0, "\(week)")
                #expect(errors.contains("--week"), "\(week): \(errors)")
            }
            #expect(ISOWeek("2026-W01")?.start.timeIntervalSince1970 == 1_766_966_400)  // 2025-12-29
            #expect(ISOWeek("2020-W53") != nil)
            #expect(ISOWeek.previous(to: Date(timeIntervalSince1970: 1_772_668_800)).description == "2026-W09")
        }
    }
}
