import DataModel
import MongoStore

/// The cached mean of the ratings a user received (`docs/DATA-MODEL.md`,
/// "ratings": averages are cached on the profiles), kept exact.
///
/// The profile stores the integer `ratingSum` beside `ratingCount`, and the
/// mean is always `ratingSum / ratingCount` computed afresh: nothing is
/// averaged into an average, so no rounding accumulates however many
/// ratings arrive. A profile without `ratingSum` (written before it existed,
/// or by the seed) has its sum and count counted once from `ratings`, in
/// the same transaction, and is exact from then on.
///
/// Where the mean is cached: a driver's `driverprofiles.rating` (with
/// `ratingCount`) and `driverstats.averageRating`; a rider's
/// `riderprofiles.averageRating`.
enum RatingAverage {
    /// Adds `score` to the figures of `profile` (of `collection`, the profile
    /// of user `userId`), whose rating has already been inserted in `write`'s
    /// transaction. Returns the collections written besides `ratings`.
    static func add(
        _ score: Int, to profile: BSONDocument, in collection: Collections, userId: ObjectID, write: LifecycleWrite
    ) async throws -> [Collections] {
        let (sum, count) = try await totals(after: score, of: profile, userId: userId, write: write)
        let mean = Double(sum) / Double(count)
        let averageField = collection == .driverProfiles ? "rating" : "averageRating"
        let id = profile["_id"] ?? .null
        // A compare-and-set on the sum read: a concurrent rating of the same
        // user makes this transaction conflict and run again.
        var set: BSONDocument = ["ratingSum": .int64(sum), "ratingCount": .int64(count)]
        set[averageField] = .double(mean)
        set["updatedAt"] = .date(write.now)
        let updated = try await write.updateOne(
            ["_id": id, "ratingSum": profile["ratingSum"] ?? .null], ["$set": .document(set)], in: collection)
        guard updated else { throw RatingTotalsMoved() }
        guard collection == .driverProfiles else { return [collection] }
        try await write.updateOne(
            ["driverId": id],
            [
                "$set": ["averageRating": .double(mean), "lastUpdated": .date(write.now)],
                "$setOnInsert": [
                    "totalRescues": .int32(0), "completedRescues": .int32(0), "cancelledRescues": .int32(0),
                    "totalEarnings": .int64(0), "totalDistance": .double(0), "totalTime": .int32(0),
                    "acceptanceRate": .double(0), "completionRate": .double(0),
                    "performanceMetrics": ["rejectedOffers": .int32(0)],
                ],
            ], in: .driverStats, upsert: true)
        return [collection, .driverStats]
    }

    /// The sum and count once `score` is added: from the profile's stored
    /// sum, or counted from `ratings` (which already holds the new rating).
    static func totals(after score: Int, of profile: BSONDocument, userId: ObjectID, write: LifecycleWrite)
        async throws -> (sum: Int64, count: Int64)
    {
        if let sum = integer(profile["ratingSum"]), let count = integer(profile["ratingCount"]) {
            return (sum + Int64(score), count + 1)
        }
        let received = try await write.collection(.ratings).find(
            ["toUserId": .objectID(userId)], options: FindOptions(projection: ["rating": 1, "_id": 0]),
            session: write.session)
        let sum = received.reduce(Int64(0)) { $0 + (integer($1["rating"]) ?? 0) }
        return (sum, Int64(received.count))
    }

    static func integer(_ value: BSONValue?) -> Int64? {
        switch value {
        case .int32(let number)?: Int64(number)
        case .int64(let number)?: number
        default: nil
        }
    }
}

/// The profile's rating totals changed between their read and their write
/// in one transaction (which its snapshot should prevent); the write is
/// abandoned rather than computed from stale totals.
struct RatingTotalsMoved: Error {}
