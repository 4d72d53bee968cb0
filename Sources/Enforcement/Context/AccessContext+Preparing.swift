public import DataModel
import Security

extension AccessContext {
    /// This context with the row-rule lists loaded that an operation able to
    /// produce `typeNames` needs (`PreparedOperation.selectedTypeNames`): for a
    /// rider or driver whose operation can reach a collection whose rule names
    /// the other party of its live rescues, those lists (two indexed finds);
    /// otherwise, and for support, admin and trusted contexts, itself with no
    /// query. A collection whose list is not loaded admits no row (the rules
    /// fail closed), so an operation that reached one unforeseen would see
    /// too little, never too much.
    public func preparing(forTypes typeNames: Set<String>) async throws -> AccessContext {
        guard case .caller(let caller) = principal else { return self }
        let collections = AccessContext.collections(reachedBy: typeNames)
        guard !caller.scope.missingRelations(for: collections).isEmpty else { return self }
        let scope = try await RowRelationsLoader(database: database).load(caller.scope, for: collections)
        return AccessContext(
            database: database, principal: .caller(Caller(key: caller.key, scope: scope)), client: client,
            requestId: requestId)
    }

    /// The collections whose documents values of `typeNames` are read from:
    /// entity types directly, and a connection or edge of one
    /// (`RescueRequestConnection`, `RescueRequestEdge`) as the entity it lists
    /// (its `totalCount` counts that collection even when no node is selected).
    static func collections(reachedBy typeNames: Set<String>) -> Set<Collections> {
        var collections = Set<Collections>()
        for name in typeNames {
            var entity = Substring(name)
            for suffix in ["Connection", "Edge"] where entity.hasSuffix(suffix) {
                entity = entity.dropLast(suffix.count)
            }
            if let collection = Collections(entityTypeName: String(entity)) { collections.insert(collection) }
        }
        return collections
    }
}
