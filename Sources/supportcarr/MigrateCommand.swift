import ArgumentParser
import MongoStore
import SupportCarrData

/// `supportcarr migrate`: creates every catalogue index that is missing, then
/// fills in the owner fields the row rules filter on where documents lack them.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create the indexes of the SupportCarr data model (idempotent).",
        discussion: """
            Creates every index the data model lists, the notification TTL index and \
            the blind-index unique indexes; prints what it created and what already existed. \
            Existing indexes are never dropped; a conflicting one is reported and the command fails.             Then fills in the owner fields the row rules filter on (rescuerequests.driverId,             rescueassignments.riderId, rescuestatushistories.riderId and driverId) in documents             written without them; a second run writes nothing.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .shortAndLong, help: "Print nothing but the summary.")
    var quiet = false

    func run() async throws {
        let (_, db) = try await database.connect(socketTimeoutMS: DatabaseOptions.longCommandSocketTimeoutMS)
        let quiet = self.quiet
        let report: MigrationReport
        let owners: OwnerFieldBackfill.Report
        do {
            report = try await Migrator().migrate(db) { entry in
                if !quiet { print(entry) }
            }
            owners = try await OwnerFieldBackfill().run(db)
        } catch let error as MongoError {
            throw ConfigurationProblem("migrate failed: \(error.debugDescription)")
        }
        print(
            "migrate: \(report.created.count) created, \(report.existing.count) already existed, \(report.conflicts.count) conflicts"
        )
        print(
            "migrate: owner fields filled in \(owners.assignments) assignments, \(owners.rescues) rescues, "
                + "\(owners.histories) status-history entries")
        if !report.conflicts.isEmpty { throw ExitCode(2) }
    }
}
