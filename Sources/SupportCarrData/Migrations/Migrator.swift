public import DataModel
public import MongoStore

/// Creates the index catalogue in a database (`supportcarr migrate`,
/// "Migrations"). Idempotent: it reads what each collection already has with
/// `listIndexes` and creates only what is missing, so a second run creates
/// nothing and reports everything as existing.
public struct Migrator: Sendable {
    public let catalogue: [IndexSpec]

    public init(catalogue: [IndexSpec] = IndexCatalogue.all) {
        self.catalogue = catalogue
    }

    /// Brings `database` up to the catalogue. Collections that do not exist yet
    /// are created by their first index. An index that exists under our name
    /// with other keys or options is a conflict: it is reported, never dropped
    /// (dropping an index is an operator's decision).
    public func migrate(
        _ database: MongoDatabase, progress: @Sendable (MigrationReport.Entry) -> Void = { _ in }
    ) async throws -> MigrationReport {
        var report = MigrationReport()
        let existingCollections = Set(try await database.listCollectionNames())
        for collection in Collections.allCases {
            let specs = catalogue.filter { $0.collection == collection }
            guard !specs.isEmpty else { continue }
            let handle = database.collection(collection.name)
            let listed = existingCollections.contains(collection.name) ? try await handle.listIndexes() : []
            var missing: [IndexSpec] = []
            for spec in specs {
                let entry: MigrationReport.Entry
                if let sameName = listed.first(where: { (try? $0.get("name", as: String.self)) == spec.name }) {
                    entry =
                        spec.matches(listed: sameName)
                        ? .init(spec: spec, outcome: .existed) : .init(spec: spec, outcome: .conflict(sameName))
                } else if let sameKeys = listed.first(where: { spec.hasSameKeys(as: $0) }) {
                    // Built before us under another name (say, by the Node services).
                    let name = (try? sameKeys.get("name", as: String.self)) ?? "?"
                    entry =
                        spec.matches(listed: sameKeys)
                        ? .init(spec: spec, outcome: .existedAs(name)) : .init(spec: spec, outcome: .conflict(sameKeys))
                } else {
                    missing.append(spec)
                    continue
                }
                report.entries.append(entry)
                progress(entry)
            }
            if !missing.isEmpty {
                _ = try await handle.createIndexes(missing.map(\.model))
                for spec in missing {
                    let entry = MigrationReport.Entry(spec: spec, outcome: .created)
                    report.entries.append(entry)
                    progress(entry)
                }
            }
        }
        return report
    }
}

/// What a migration did, index by index.
public struct MigrationReport: Sendable {
    public struct Entry: Sendable, CustomStringConvertible {
        public enum Outcome: Sendable {
            case created
            case existed
            /// The same keys and options exist under another name.
            case existedAs(String)
            /// An index with our name or keys but other keys or options; left alone.
            case conflict(BSONDocument)
        }
        public let spec: IndexSpec
        public let outcome: Outcome

        public var description: String {
            switch outcome {
            case .created: "created  \(spec)"
            case .existed: "exists   \(spec)"
            case .existedAs(let name): "exists   \(spec) as \(name)"
            case .conflict(let found):
                "CONFLICT \(spec): found \((try? found.get("name", as: String.self)) ?? "?") with other keys or options"
            }
        }
    }

    public var entries: [Entry] = []

    public var created: [IndexSpec] {
        entries.filter { if case .created = $0.outcome { true } else { false } }.map(\.spec)
    }
    public var existing: [IndexSpec] {
        entries.filter {
            switch $0.outcome {
            case .existed, .existedAs: true
            default: false
            }
        }.map(\.spec)
    }
    public var conflicts: [Entry] { entries.filter { if case .conflict = $0.outcome { true } else { false } } }
}
