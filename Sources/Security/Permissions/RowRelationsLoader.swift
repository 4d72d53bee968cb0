public import DataModel
public import MongoStore

/// Builds a request's `RowScope` from the database: the user's profile ids and,
/// on demand, the relation lists of `RowRelation`. Each relation costs one find
/// on an indexed field (`rescueassignments` by `riderId` or `driverId` with
/// `status`), projected to ids: a handful of ids whatever the caller's history.
public struct RowRelationsLoader: Sendable {
    public let database: MongoDatabase

    /// How long after a rescue completes its two parties still see each
    /// other's details (`RowRelation`): time to rate, to find a forgotten
    /// item, to settle a question about the fare.
    public static let afterCompletion = Duration.seconds(3_600)

    /// Assignment statuses in which the rider sees its driver: offered, then active.
    static let riderSeesDriver = ["assigned", "accepted", "en_route", "arrived", "in_progress"]
    /// Assignment statuses in which the driver sees its rider: accepted to in progress.
    static let driverSeesRider = ["accepted", "en_route", "arrived", "in_progress"]

    public init(database: MongoDatabase) {
        self.database = database
    }

    /// The scope of `userId` acting as `role`, without relations: one query for
    /// a rider's or driver's profile id, none for support and admin.
    public func scope(userId: ObjectID, role: Role) async throws(MongoError) -> RowScope {
        switch role {
        case .support, .admin, .partner:
            return RowScope(role: role, userId: userId)
        case .rider:
            let profile = try await profileId(in: .riderProfiles, userId: userId)
            return RowScope(role: role, userId: userId, riderProfileId: profile)
        case .driver:
            let profile = try await profileId(in: .driverProfiles, userId: userId)
            return RowScope(role: role, userId: userId, driverProfileId: profile)
        }
    }

    /// The scope of `key`'s user without relation lists: no query when the
    /// key's store read the profile ids with the key (`CachedAPIKeyStore`
    /// keeps them), else one. Load the lists a request needs with `load`.
    public func scope(of key: AuthenticatedKey) async throws(MongoError) -> RowScope {
        if key.role.seesEveryRow { return RowScope(role: key.role, userId: key.userId) }
        guard let profiles = key.profiles else { return try await scope(userId: key.userId, role: key.role) }
        return RowScope(
            role: key.role, userId: key.userId, riderProfileId: key.role == .rider ? profiles.rider : nil,
            driverProfileId: key.role == .driver ? profiles.driver : nil)
    }

    /// The scope of `key`'s user with every relation the row rules name: no
    /// query for support and admin; for riders and drivers `scope(of:)` and
    /// the other party of their live rescues (two finds in flight together).
    public func fullScope(of key: AuthenticatedKey, now: BSONDate = .now()) async throws(MongoError) -> RowScope {
        try await load(try await scope(of: key), for: RowRules.collections, now: now)
    }

    /// `scope` with the relations `collections`' rules need loaded.
    public func load(_ scope: RowScope, for collections: some Sequence<Collections>, now: BSONDate = .now())
        async throws(MongoError) -> RowScope
    {
        var scope = scope
        for relation in RowRelation.allCases where scope.missingRelations(for: collections).contains(relation) {
            scope.relations[relation] = try await load(relation, scope, now: now)
        }
        return scope
    }

    func load(_ relation: RowRelation, _ scope: RowScope, now: BSONDate) async throws(MongoError) -> [ObjectID] {
        let (owner, id, other, statuses): (String, ObjectID?, String, [String]) =
            switch relation {
            case .liveDriverIds: ("riderId", scope.riderProfileId, "driverId", Self.riderSeesDriver)
            case .liveRiderIds: ("driverId", scope.driverProfileId, "riderId", Self.driverSeesRider)
            }
        guard let id else { return [] }
        let graceStart = BSONDate(
            millisecondsSinceEpoch: now.millisecondsSinceEpoch - Self.afterCompletion.components.seconds * 1_000)
        // Two finds in flight together, each on `{owner: 1, status: 1, completedAt: -1}`:
        // the live assignments, and those completed within the grace period (a
        // range, however many the caller completed before). One `$or` would be
        // one round trip, but the embedded database plans it as a collection scan.
        let liveFilter: BSONDocument = [
            owner: .objectID(id), "status": ["$in": .array(statuses.map(BSONValue.string))],
        ]
        let recentFilter: BSONDocument = [
            owner: .objectID(id), "status": "completed", "completedAt": ["$gte": .date(graceStart)],
        ]
        async let live = result { () throws(MongoError) in
            try await ids(other, in: .rescueAssignments, where: liveFilter)
        }
        async let recent = result { () throws(MongoError) in
            try await ids(other, in: .rescueAssignments, where: recentFilter)
        }
        var seen = Set<ObjectID>()
        return (try await live.get() + recent.get()).filter { seen.insert($0).inserted }
    }

    /// `body`'s value or its error, so typed errors survive an `async let`.
    private func result<T>(_ body: () async throws(MongoError) -> T) async -> Result<T, MongoError> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    private func profileId(in collection: Collections, userId: ObjectID) async throws(MongoError) -> ObjectID? {
        let document = try await database.collection(collection).findOne(
            ["userId": .objectID(userId)], options: FindOptions(projection: ["_id": 1]))
        guard case .objectID(let id)? = document?["_id"] else { return nil }
        return id
    }

    private func ids(_ field: String, in collection: Collections, where filter: BSONDocument) async throws(MongoError)
        -> [ObjectID]
    {
        let documents = try await database.collection(collection).find(
            filter, options: FindOptions(projection: [field: 1, "_id": 0]))
        var seen = Set<ObjectID>()
        return documents.compactMap { document in
            guard case .objectID(let id)? = document[field], seen.insert(id).inserted else { return nil }
            return id
        }
    }
}
