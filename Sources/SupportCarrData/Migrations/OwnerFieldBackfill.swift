import DataModel
public import MongoStore

/// Fills in the owner fields the row rules filter on (`docs/DATA-MODEL.md`,
/// "Owner fields") in documents written without them: by the company's Node
/// services, or before the fields existed.
///
/// - `rescueassignments.riderId`: the rider of the assignment's rescue;
/// - `rescuerequests.driverId`: the driver of the rescue's assignment unless it
///   was rejected, else null (a rescue no driver holds);
/// - `rescuestatushistories.riderId` and `driverId`: those of the entry's rescue.
///
/// Runs in that order (each step reads what the one before wrote). Each
/// collection's documents lacking a field are read once, through one cursor
/// (`ChunkedScan`: paging by `_id` is quadratic on the embedded database), and
/// written with one unordered bulk write per batch, so a second run writes
/// nothing and an interrupted run can simply be run again. A document
/// whose rescue no longer exists gets null, so it is not visited again.
public struct OwnerFieldBackfill: Sendable {
    public let batchSize: Int

    public init(batchSize: Int = 1_000) {
        self.batchSize = max(1, batchSize)
    }

    /// Documents written, by collection.
    public struct Report: Sendable, Equatable {
        public var assignments = 0
        public var rescues = 0
        public var histories = 0
        public var total: Int { assignments + rescues + histories }
    }

    public func run(_ database: MongoDatabase) async throws -> Report {
        var report = Report()
        report.assignments = try await fill(
            database.collection(.rescueAssignments), fields: ["riderId"], keyField: "rescueId"
        ) { rescueIds in
            let rescues = try await Self.byID(database.collection(.rescueRequests), rescueIds, projection: ["riderId"])
            return rescueIds.reduce(into: [:]) { values, id in
                values[id] = ["riderId": rescues[id]?["riderId"] ?? .null]
            }
        }
        report.rescues = try await fill(
            database.collection(.rescueRequests), fields: ["driverId"], keyField: "_id"
        ) { rescueIds in
            let assignments = try await database.collection(.rescueAssignments).find(
                ["rescueId": ["$in": .array(rescueIds.map(BSONValue.objectID))], "status": ["$ne": "rejected"]],
                options: FindOptions(projection: ["rescueId": 1, "driverId": 1]))
            var drivers: [ObjectID: BSONValue] = [:]
            for assignment in assignments {
                if case .objectID(let rescue)? = assignment["rescueId"] { drivers[rescue] = assignment["driverId"] }
            }
            return rescueIds.reduce(into: [:]) { values, id in values[id] = ["driverId": drivers[id] ?? .null] }
        }
        report.histories = try await fill(
            database.collection(.rescueStatusHistories), fields: ["riderId", "driverId"], keyField: "rescueId"
        ) { rescueIds in
            let rescues = try await Self.byID(
                database.collection(.rescueRequests), rescueIds, projection: ["riderId", "driverId"])
            return rescueIds.reduce(into: [:]) { values, id in
                values[id] = [
                    "riderId": rescues[id]?["riderId"] ?? .null, "driverId": rescues[id]?["driverId"] ?? .null,
                ]
            }
        }
        return report
    }

    /// Reads the documents of `collection` lacking any of `fields` and sets
    /// those they lack, from what `values` gives for the document's
    /// `keyField` (one call per batch). Returns how many documents it wrote.
    private func fill(
        _ collection: MongoCollection, fields: [String], keyField: String,
        values: ([ObjectID]) async throws -> [ObjectID: BSONDocument]
    ) async throws -> Int {
        var written = 0
        var projection: BSONDocument = [keyField: 1]
        for field in fields { projection[field] = 1 }
        // Only documents lacking a field: a second run reads nothing to write.
        let lackingAny: BSONDocument = [
            "$or": .array(fields.map { field -> BSONValue in .document([field: ["$exists": false]]) })
        ]
        try await ChunkedScan(collection, filter: lackingAny, projection: projection, chunkSize: batchSize)
            .forEachChunk { batch in
                let lacking = batch.filter { document in fields.contains { document[$0] == nil } }
                let keys = lacking.compactMap { document -> ObjectID? in
                    if case .objectID(let key)? = document[keyField] { return key }
                    return nil
                }
                let found = keys.isEmpty ? [:] : try await values(Array(Set(keys)))
                var models: [WriteModel] = []
                for document in lacking {
                    guard case .objectID(let id)? = document["_id"] else { continue }
                    var set: BSONDocument = [:]
                    let known: BSONDocument? =
                        if case .objectID(let key)? = document[keyField] { found[key] } else { nil }
                    for field in fields where document[field] == nil { set[field] = known?[field] ?? .null }
                    // The filter repeats "still lacking", so a writer that set the field meanwhile wins.
                    var stillLacking: BSONDocument = ["_id": .objectID(id)]
                    for field in set.keys { stillLacking[field] = ["$exists": false] }
                    models.append(.updateOne(filter: stillLacking, update: ["$set": .document(set)]))
                }
                if !models.isEmpty {
                    let result = try await collection.bulkWrite(models, ordered: false)
                    written += result.modifiedCount
                }
            }
        return written
    }

    /// The documents of `collection` with these `_id`s, by `_id`.
    private static func byID(_ collection: MongoCollection, _ ids: [ObjectID], projection fields: [String])
        async throws -> [ObjectID: BSONDocument]
    {
        var projection: BSONDocument = [:]
        for field in fields { projection[field] = 1 }
        let documents = try await collection.find(
            ["_id": ["$in": .array(ids.map(BSONValue.objectID))]], options: FindOptions(projection: projection))
        var found: [ObjectID: BSONDocument] = [:]
        for document in documents {
            if case .objectID(let id)? = document["_id"] { found[id] = document }
        }
        return found
    }
}
