public import DataModel
public import GraphQLEngine
public import MongoStore

/// One loader's read for one level: the documents of `collection` matching
/// `filter`, in `sort` order. What a `find` would ask, written so that
/// several of them can also travel in one aggregate.
public struct MongoRead: Sendable {
    public let collection: Collections
    public let filter: BSONDocument
    public let sort: BSONDocument?

    public init(_ collection: Collections, filter: BSONDocument, sort: BSONDocument? = nil) {
        self.collection = collection
        self.filter = filter
        self.sort = sort
    }

    /// The stages that read it at the start of a pipeline: `$match` first so
    /// the planner picks the same index a `find` with this filter would.
    var stages: [BSONDocument] {
        var stages: [BSONDocument] = [["$match": .document(filter)]]
        if let sort { stages.append(["$sort": .document(sort)]) }
        return stages
    }
}

/// The loader reads of one level over one database, sent as ONE command.
///
/// The executor hands this channel every `MongoRead` of a level's loaders
/// (a rescue's rider, assignment, payment, ratings and status history are
/// five loaders: one command, not five). One read is a plain `find`. Several
/// are one `aggregate` on the first read's collection whose other reads are
/// `$unionWith` sub-pipelines
/// (https://www.mongodb.com/docs/manual/reference/operator/aggregation/unionWith/,
/// MongoDB 4.4+); every document comes back wrapped as `{part: <read number>,
/// doc: <document>}` (`$replaceRoot`, so a stored field can never be mistaken
/// for the tag), and is handed back to its read.
///
/// Each sub-pipeline starts with its own `$match` (and `$sort`), so on
/// MongoDB each read uses the index it would use as a `find` (the explain
/// tests check each read's pipeline). SecantusDB runs a `$unionWith`
/// sub-pipeline over the whole collection in memory (no index): right, and
/// cheap at demo sizes, but not a plan to measure there. A read's documents
/// arrive in its `$sort` order: the server streams the outer pipeline, then
/// each `$unionWith` sub-pipeline in turn, and no stage after them reorders.
///
/// One failing read fails the whole command, so every field of the level
/// waiting on this channel fails with it (a loader alone fails alone).
public struct MongoReadChannel: BatchChannel {
    public let database: MongoDatabase

    public init(_ database: MongoDatabase) {
        self.database = database
    }

    public var identity: String { database.name }

    /// Documents per reply: a level's reads in one reply (no `getMore`); the
    /// server still caps a reply at 16 MB and continues with `getMore` beyond.
    static let batchSize = 100_000

    /// The tag and document field names of a wrapped result.
    static let partField = "part"
    static let documentField = "doc"

    public func send(_ reads: [MongoRead]) async throws -> [[BSONDocument]] {
        guard let first = reads.first else { return [] }
        if reads.count == 1 {
            let options = FindOptions(sort: first.sort, batchSize: MongoReadChannel.batchSize)
            return [try await database.collection(first.collection.name).find(first.filter, options: options)]
        }
        let pipeline = MongoReadChannel.pipeline(reads)
        let wrapped = try await database.collection(first.collection.name).aggregate(
            pipeline, options: AggregateOptions(batchSize: MongoReadChannel.batchSize))
        var replies = [[BSONDocument]](repeating: [], count: reads.count)
        for item in wrapped {
            guard let part = MongoReadChannel.partNumber(item[MongoReadChannel.partField]), part >= 0,
                part < reads.count,
                case .document(let document)? = item[MongoReadChannel.documentField]
            else { throw MongoReadChannelError() }
            replies[part].append(document)
        }
        return replies
    }

    /// The one aggregate that reads every one of `reads` (at least two).
    static func pipeline(_ reads: [MongoRead]) -> [BSONDocument] {
        var pipeline: [BSONDocument] = []
        for (index, read) in reads.enumerated() {
            let stages = read.stages + [wrap(index)]
            if index == 0 {
                pipeline += stages
            } else {
                pipeline.append([
                    "$unionWith": [
                        "coll": .string(read.collection.name), "pipeline": .array(stages.map { .document($0) }),
                    ]
                ])
            }
        }
        return pipeline
    }

    /// `{part: index, doc: $$ROOT}` as the new root.
    static func wrap(_ index: Int) -> BSONDocument {
        [
            "$replaceRoot": [
                "newRoot": [partField: ["$literal": .int64(Int64(index))], documentField: "$$ROOT"]
            ]
        ]
    }

    static func partNumber(_ value: BSONValue?) -> Int? {
        switch value {
        case .int32(let n)?: return Int(n)
        case .int64(let n)?: return Int(n)
        case .double(let n)?: return Int(exactly: n)
        default: return nil
        }
    }
}

/// A combined read's reply held a document without a valid part tag (shown
/// to clients as an internal error).
struct MongoReadChannelError: Error {}
