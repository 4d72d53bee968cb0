public import DataModel
public import MongoStore

/// The catalogue's indexes around a bulk load: set aside on the collections the
/// load fills from empty, built by the `Migrator` once the data is in.
///
/// Why: a server maintains every index of a collection document by document
/// while it inserts, and on SecantusDB that per-document work (index entries,
/// unique-key probes, 2dsphere cells, reading the index list) was about half of
/// what a seed cost; building an index over data already stored is one pass.
/// MongoDB's own advice for bulk loads is the same.
///
/// Only what the catalogue describes is touched, and only where nothing is lost:
/// an index is set aside when its collection holds no document and it is
/// exactly the catalogue's (name, keys and options, `IndexSpec.matches`).
/// Anything else on the collection (an index someone else made, one that
/// conflicts with the catalogue) stays and is maintained during the load as
/// usual; a collection that already holds documents keeps all of its indexes.
public struct BulkLoadIndexes: Sendable {
    public let catalogue: [IndexSpec]

    public init(catalogue: [IndexSpec] = IndexCatalogue.all) {
        self.catalogue = catalogue
    }

    /// Drops the catalogue's indexes of the collections among `collections` that
    /// hold no document, and returns what it dropped (`build` creates them
    /// again).
    public func setAside(
        in database: MongoDatabase, collections: [Collections] = Collections.allCases
    ) async throws -> [IndexSpec] {
        let existing = Set(try await database.listCollectionNames())
        var dropped: [IndexSpec] = []
        for collection in collections where existing.contains(collection.name) {
            let handle = database.collection(collection.name)
            guard try await handle.countDocuments([:], limit: 1) == 0 else { continue }
            let listed = try await handle.listIndexes()
            for spec in catalogue where spec.collection == collection {
                let same = listed.first { (try? $0.get("name", as: String.self)) == spec.name }
                guard let same, spec.matches(listed: same) else { continue }
                try await handle.dropIndex(spec.name)
                dropped.append(spec)
            }
        }
        return dropped
    }

    /// Creates every catalogue index that is missing, the ones `setAside`
    /// dropped included: afterwards the database has the whole catalogue, as
    /// after `supportcarr migrate`.
    public func build(
        in database: MongoDatabase, progress: @Sendable (MigrationReport.Entry) -> Void = { _ in }
    ) async throws -> MigrationReport {
        try await Migrator(catalogue: catalogue).migrate(database, progress: progress)
    }
}
