import ArgumentParser
import DataModel
import Foundation
import MongoStore
import Security
import SupportCarrData

/// `supportcarr seed`: deterministic demo data across all 17 collections.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Write deterministic demo data (riders, drivers, rescues and all that follows).",
        discussion: """
            The same --random-seed and --as-of give the same documents. Encrypted fields are \
            written with the keys of SUPPORTCARR_ENCRYPTION_KEYS and SUPPORTCARR_BLIND_INDEX_KEY; \
            with SUPPORTCARR_ENV unset, seed runs as development and uses the published \
            development keys when those are not set. Afterwards the database has every index \
            of the catalogue, as after `supportcarr migrate`: by default the indexes of the \
            collections that start empty are built after the data is in (faster than keeping \
            them up to date during the load; --indexes-during-load keeps them).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Riders to create.") var riders = 50
    @Option(help: "Drivers to create.") var drivers = 20
    @Option(help: "Rescue requests to create.") var rescues = 200
    @Option(name: .customLong("random-seed"), help: "Seed of the generator.") var randomSeed: UInt64 = 1
    @Option(name: .customLong("as-of"), help: "The demo's 'today' as YYYY-MM-DD (default: today, UTC).")
    var asOf: String?
    @Flag(name: .customLong("if-empty"), help: "Do nothing when the database already has users or rescues.")
    var ifEmpty = false
    @Option(name: .customLong("batch-size"), help: "Documents per insertMany (at most 100,000).")
    var batchSize = DemoSeedOptions().batchSize
    @Option(name: .customLong("concurrent-batches"), help: "Batches being written at once.")
    var concurrentBatches = DemoSeedOptions().concurrentBatches
    @Flag(
        name: .customLong("indexes-during-load"),
        help: "Keep the catalogue's indexes during the load instead of building them afterwards.")
    var indexesDuringLoad = false

    func validate() throws {
        guard riders >= 0, drivers >= 0, rescues >= 0 else { throw ValidationError("counts must not be negative") }
        if rescues > 0, riders == 0 { throw ValidationError("rescues need at least one rider") }
        if let asOf, Self.parseDay(asOf) == nil { throw ValidationError("--as-of must be YYYY-MM-DD") }
        guard (1...DemoSeedOptions.maxBatchSize).contains(batchSize) else {
            throw ValidationError("--batch-size must be between 1 and \(DemoSeedOptions.maxBatchSize)")
        }
        guard concurrentBatches >= 1 else { throw ValidationError("--concurrent-batches must be at least 1") }
    }

    func run() async throws {
        var environment = ProcessInfo.processInfo.environment
        if environment[DeploymentEnvironment.variable] == nil {
            environment[DeploymentEnvironment.variable] = "development"
        }
        let keyRing = try KeyRing.fromEnvironment(environment)
        let blindIndex = try BlindIndex.fromEnvironment(environment)
        let (_, db) = try await database.connect(socketTimeoutMS: DatabaseOptions.longCommandSocketTimeoutMS)
        if ifEmpty, try await MongoDemoSink(database: db).hasData() {
            print("seed: database already has data; nothing written (--if-empty)")
            return
        }
        var options = DemoSeedOptions(
            riders: riders, drivers: drivers, rescues: rescues, randomSeed: randomSeed, batchSize: batchSize,
            concurrentBatches: concurrentBatches)
        if let asOf, let day = Self.parseDay(asOf) { options.asOf = day }
        let seeder = DemoSeeder(options: options, cipher: FieldCipher(keyRing: keyRing), blindIndex: blindIndex)
        let load = DemoDatabaseSeed(seeder: seeder, database: db, indexesAfterLoad: !indexesDuringLoad)
        let bar = ProgressBar(total: rescues, label: "rescues", enabled: rescues >= 1_000)
        let indexBar = ProgressBar(total: IndexCatalogue.all.count, label: "indexes", enabled: rescues >= 1_000)
        let report: DemoDatabaseSeed.Report
        do {
            report = try await load.run(
                progress: { progress in
                    bar.update(progress.rescuesDone, detail: "\(progress.documentsWritten) documents")
                },
                indexProgress: { entry in
                    bar.finish()
                    indexBar.advance(detail: entry.spec.collection.name)
                })
        } catch let error as MongoError {
            bar.finish()
            indexBar.finish()
            // An operator's terminal: the detail (server message, code) helps here.
            throw ConfigurationProblem("seed stopped after some batches were written: \(error.debugDescription)")
        }
        bar.finish()
        indexBar.finish()
        let total = report.counts.values.reduce(0, +)
        print(
            "seed: \(total) documents in \(String(format: "%.1f", report.loadSeconds)) s (random seed \(randomSeed)), "
                + "indexes in \(String(format: "%.1f", report.indexSeconds)) s: \(report.indexes.created.count) built, "
                + "\(report.indexes.existing.count) already there, \(report.indexes.conflicts.count) conflicts")
        for collection in Collections.allCases {
            print(
                "  \(collection.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(report.counts[collection] ?? 0)"
            )
        }
        for conflict in report.indexes.conflicts { print("  \(conflict)") }
        if !report.indexes.conflicts.isEmpty { throw ExitCode(2) }
    }

    /// Midnight UTC of a `YYYY-MM-DD` day.
    static func parseDay(_ text: String) -> BSONDate? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else {
            return nil
        }
        return BSONDate(date)
    }
}
