public import DataModel
public import MongoStore

/// `supportcarr seed` against a database: the demo data, then every catalogue
/// index. With `indexesAfterLoad` (the default) the catalogue's indexes of the
/// collections that start empty are set aside first and built once the data is
/// in (`BulkLoadIndexes`), which on SecantusDB makes a large seed several times
/// faster; without it the server maintains them during the load. Either way the
/// database ends with the whole catalogue, whether `migrate` ran before or not.
public struct DemoDatabaseSeed: Sendable {
    public let seeder: DemoSeeder
    public let database: MongoDatabase
    public let indexesAfterLoad: Bool

    public init(seeder: DemoSeeder, database: MongoDatabase, indexesAfterLoad: Bool = true) {
        self.seeder = seeder
        self.database = database
        self.indexesAfterLoad = indexesAfterLoad
    }

    /// What one run did.
    public struct Report: Sendable {
        /// Documents written to each collection.
        public var counts: [Collections: Int] = [:]
        /// Catalogue indexes dropped before the load (rebuilt after it).
        public var setAside: [IndexSpec] = []
        /// The index build after the load.
        public var indexes = MigrationReport()
        /// Wall-clock seconds of the load and of the index build.
        public var loadSeconds = 0.0
        public var indexSeconds = 0.0
    }

    /// Seeds, then builds the missing indexes. When the load fails the indexes
    /// are still built over what was written (so the database is left as
    /// `migrate` would leave it) before the error is rethrown.
    public func run(
        progress: @escaping @Sendable (DemoSeedProgress) -> Void = { _ in },
        indexProgress: @escaping @Sendable (MigrationReport.Entry) -> Void = { _ in }
    ) async throws -> Report {
        let indexes = BulkLoadIndexes()
        var report = Report()
        let clock = ContinuousClock()
        if indexesAfterLoad { report.setAside = try await indexes.setAside(in: database) }
        let loadStart = clock.now
        do {
            report.counts = try await seeder.seed(into: MongoDemoSink(database: database), progress: progress)
        } catch {
            _ = try? await indexes.build(in: database)
            throw error
        }
        report.loadSeconds = Self.seconds(clock.now - loadStart)
        let indexStart = clock.now
        report.indexes = try await indexes.build(in: database, progress: indexProgress)
        report.indexSeconds = Self.seconds(clock.now - indexStart)
        return report
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
