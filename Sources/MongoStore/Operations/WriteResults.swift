/// The outcome of `insertOne`.
public struct InsertOneResult: Sendable, Equatable {
    /// The document's `_id` (generated when the document had none).
    public let insertedID: BSONValue
}

/// The outcome of `insertMany`.
public struct InsertManyResult: Sendable, Equatable {
    /// The documents' `_id`s in input order.
    public let insertedIDs: [BSONValue]
    public var insertedCount: Int { insertedIDs.count }
}

/// The outcome of `updateOne`/`updateMany`/`replaceOne`.
public struct UpdateResult: Sendable, Equatable {
    public let matchedCount: Int
    public let modifiedCount: Int
    /// The new document's `_id` when an upsert inserted one.
    public let upsertedID: BSONValue?
}

/// The outcome of `deleteOne`/`deleteMany`.
public struct DeleteResult: Sendable, Equatable {
    public let deletedCount: Int
}

/// The outcome of `bulkWrite`.
public struct BulkWriteResult: Sendable, Equatable {
    public let insertedCount: Int
    public let matchedCount: Int
    public let modifiedCount: Int
    public let deletedCount: Int
    public let upsertedCount: Int
    /// Position of the upserting model in the request to the new `_id`.
    public let upsertedIDs: [Int: BSONValue]
}

/// One operation of a `bulkWrite`.
public enum WriteModel: Sendable {
    case insertOne(BSONDocument)
    case updateOne(filter: BSONDocument, update: BSONDocument, upsert: Bool = false)
    case updateMany(filter: BSONDocument, update: BSONDocument, upsert: Bool = false)
    case replaceOne(filter: BSONDocument, replacement: BSONDocument, upsert: Bool = false)
    case deleteOne(BSONDocument)
    case deleteMany(BSONDocument)
}
