public import DataModel
public import MongoStore

/// Builds a request's `RowScope` from the database: the user's profile ids and,
/// on demand, the relation lists of `RowRelation`. Each relation costs one query
/// on an indexed field (`riderId`, `driverId`, `rescueId`), projected to ids.
public struct RowRelationsLoader: Sendable {
    public let database: MongoDatabase

    public init(database: MongoDatabase) {
        self.database = database
    }

    /// The scope of `userId` acting as `role`, without relations: one query for
    /// a rider's or driver's profile id, none for support and admin.
    public func scope(userId: ObjectID, role: Role) async throws(MongoError) -> RowScope {
        switch role {
        case .support, .admin:
            return RowScope(role: role, userId: userId)
        case .rider:
            let profile = try await profileId(in: .riderProfiles, userId: userId)
            return RowScope(role: role, userId: userId, riderProfileId: profile)
        case .driver:
            let profile = try await profileId(in: .driverProfiles, userId: userId)
            return RowScope(role: role, userId: userId, driverProfileId: profile)
        }
    }

    /// The scope of `key`'s user with every relation the row rules name: no
    /// query for support and admin; for riders and drivers the profile id (one
    /// query, none when the key's store read it with the key) and two relation
    /// queries (own rescue ids, then the counterparts').
    public func fullScope(of key: AuthenticatedKey) async throws(MongoError) -> RowScope {
        if key.role.seesEveryRow { return RowScope(role: key.role, userId: key.userId) }
        let scope: RowScope
        if let profiles = key.profiles {
            scope = RowScope(
                role: key.role, userId: key.userId, riderProfileId: key.role == .rider ? profiles.rider : nil,
                driverProfileId: key.role == .driver ? profiles.driver : nil)
        } else {
            scope = try await self.scope(userId: key.userId, role: key.role)
        }
        return try await load(scope, for: RowRules.collections)
    }

    /// `scope` with the relations `collections`' rules need loaded.
    public func load(_ scope: RowScope, for collections: some Sequence<Collections>) async throws(MongoError)
        -> RowScope
    {
        var scope = scope
        var missing = scope.missingRelations(for: collections)
        // The counterpart lists are read through the own lists: load (and keep)
        // those first.
        if missing.contains(.counterpartDriverIds), scope.relations[.ownRescueIds] == nil {
            missing.insert(.ownRescueIds)
        }
        if missing.contains(.counterpartRiderIds), scope.relations[.assignedRescueIds] == nil {
            missing.insert(.assignedRescueIds)
        }
        for relation in RowRelation.allCases where missing.contains(relation) {
            scope.relations[relation] = try await load(relation, scope)
        }
        return scope
    }

    func load(_ relation: RowRelation, _ scope: RowScope) async throws(MongoError) -> [ObjectID] {
        switch relation {
        case .ownRescueIds:
            guard let rider = scope.riderProfileId else { return [] }
            return try await ids("_id", in: .rescueRequests, where: ["riderId": .objectID(rider)])
        case .counterpartDriverIds:
            var rescues = scope.relations[.ownRescueIds] ?? []
            if scope.relations[.ownRescueIds] == nil { rescues = try await load(.ownRescueIds, scope) }
            if rescues.isEmpty { return [] }
            return try await distinctIds(
                "driverId", in: .rescueAssignments,
                where: ["rescueId": ["$in": .array(rescues.map(BSONValue.objectID))]])
        case .assignedRescueIds:
            guard let driver = scope.driverProfileId else { return [] }
            return try await ids("rescueId", in: .rescueAssignments, where: ["driverId": .objectID(driver)])
        case .counterpartRiderIds:
            var rescues = scope.relations[.assignedRescueIds] ?? []
            if scope.relations[.assignedRescueIds] == nil { rescues = try await load(.assignedRescueIds, scope) }
            if rescues.isEmpty { return [] }
            return try await distinctIds(
                "riderId", in: .rescueRequests, where: ["_id": ["$in": .array(rescues.map(BSONValue.objectID))]])
        }
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
        let projection: BSONDocument = field == "_id" ? ["_id": 1] : [field: 1, "_id": 0]
        let documents = try await database.collection(collection).find(
            filter, options: FindOptions(projection: projection))
        var seen = Set<ObjectID>()
        return documents.compactMap { document in
            guard case .objectID(let id)? = document[field], seen.insert(id).inserted else { return nil }
            return id
        }
    }

    private func distinctIds(_ field: String, in collection: Collections, where filter: BSONDocument)
        async throws(MongoError)
        -> [ObjectID]
    {
        try await database.collection(collection).distinct(field, filter: filter).compactMap {
            if case .objectID(let id) = $0 { id } else { nil }
        }
    }
}
