import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.rateRescue`: the rider rates the driver, or the driver the
/// rider, after a completed rescue (which roles may is
/// `RoleWritePolicy.rateRescue`'s; which rescue, the row rules').
///
/// The direction is not an argument: it follows from the caller's own
/// profile being the rescue's rider or its driver, so nobody can rate in
/// the other party's name. Once per direction per rescue rests on the unique
/// `{rescueId, type}` index, not on a read before the insert: of two ratings
/// at once one commits, the other fails on the index and answers `CONFLICT`.
///
/// One transaction inserts the rating, moves the rated side's cached
/// average (`RatingAverage`) and appends the audit entry.
enum RateRescue {
    static let maxCommentLength = 1000

    /// What the arguments say, checked.
    struct Request: Sendable {
        var rescueId: ObjectID
        var rating: Int
        var comment: String?
        var isAnonymous: Bool
    }

    /// Who rates whom: the stored `type` and the two sides' profiles.
    struct Direction: Sendable {
        /// `rider_to_driver` or `driver_to_rider`.
        var type: String
        /// The profile rated and its collection.
        var rated: ObjectID
        var ratedIn: Collections
        /// The one who rates, for the conflict's message.
        var raterName: String
    }

    static func resolve(_ field: FieldContext) throws -> ResolvedValue {
        let request = try read(field.arguments)
        let context = try field.accessContext()
        return .async { .object(DocumentSource(try await rate(request, in: context))) }
    }

    /// Reads and checks the arguments; nothing is written before they pass.
    static func read(_ arguments: ArgumentValues) throws -> Request {
        Request(
            rescueId: try InputReader(arguments, "rescueId").objectID(),
            rating: try InputReader(arguments, "rating").int(in: 1...5),
            comment: try InputReader(arguments, "comment").optionalText(maxLength: maxCommentLength),
            isAnonymous: try InputReader(arguments, "isAnonymous").optionalBool() ?? false)
    }

    /// The direction the caller rates `rescue` in: as its rider, or as its
    /// driver; nil when it is neither (support and admin keys are stopped
    /// before, by the write policy).
    static func direction(of rescue: BSONDocument, for principal: Principal) -> Direction? {
        if let rider = principal.riderProfileID, rescue["riderId"] == .objectID(rider),
            case .objectID(let driver)? = rescue["driverId"]
        {
            return Direction(type: "rider_to_driver", rated: driver, ratedIn: .driverProfiles, raterName: "rider")
        }
        if let driver = principal.driverProfileID, rescue["driverId"] == .objectID(driver),
            case .objectID(let rider)? = rescue["riderId"]
        {
            return Direction(type: "driver_to_rider", rated: rider, ratedIn: .riderProfiles, raterName: "driver")
        }
        return nil
    }

    static func rate(_ request: Request, in context: AccessContext) async throws -> BSONDocument {
        guard let fromUserId = context.principal.userID else {
            throw UserInputError("Only a rider's or a driver's key rates a rescue.")
        }
        guard
            let rescue = try await context.collection(.rescueRequests).findOne(
                context.restrict(["_id": .objectID(request.rescueId)], in: .rescueRequests)),
            let direction = direction(of: rescue, for: context.principal)
        else { throw NotFoundError(argument: "rescueId", what: "rescue") }
        // `completed` is final: a rescue completed now stays completed, so the
        // check need not be repeated inside the transaction.
        try AssignDriver.expect(rescue, status: "completed")
        do {
            return try await LifecycleWrite.run(in: context) { write in
                try await insert(request, direction: direction, from: fromUserId, write: write)
            }
        } catch let error as MongoError where error.code == .duplicateKey {
            throw ConflictError(
                "The \(direction.raterName) has already rated this rescue; a rating is never changed.",
                currentStatus: "RATED")
        }
    }

    static func insert(_ request: Request, direction: Direction, from fromUserId: ObjectID, write: LifecycleWrite)
        async throws -> BSONDocument
    {
        guard let rated = try await write.findOne(["_id": .objectID(direction.rated)], in: direction.ratedIn),
            case .objectID(let toUserId)? = rated["userId"]
        else { throw NotFoundError(argument: "rescueId", what: "rescue with both parties") }
        let id = ObjectID()
        var rating: BSONDocument = [
            "_id": .objectID(id), "rescueId": .objectID(request.rescueId), "fromUserId": .objectID(fromUserId),
            "toUserId": .objectID(toUserId), "type": .string(direction.type), "rating": .int32(Int32(request.rating)),
        ]
        if let comment = request.comment { rating["comment"] = .string(comment) }
        rating["tags"] = []
        rating["isAnonymous"] = .bool(request.isAnonymous)
        rating["createdAt"] = .date(write.now)
        try await write.insert(rating, into: .ratings)
        let also = try await RatingAverage.add(
            request.rating, to: rated, in: direction.ratedIn, userId: toUserId, write: write)
        try await write.audit(
            "rating.create", .ratings, id, fields: rating.keys.filter { $0 != "_id" }, also: also)
        return rating
    }
}
