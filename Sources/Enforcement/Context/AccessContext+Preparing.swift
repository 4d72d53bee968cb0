import DataModel
import Security

extension AccessContext {
    /// This context with the row-rule lists loaded that an operation able to
    /// produce `typeNames` needs (`PreparedOperation.selectedTypeNames`): for a
    /// rider or driver whose operation can reach a collection whose rule names
    /// the other party of its live rescues, those lists (two indexed finds);
    /// otherwise, and for support, admin and trusted contexts, itself with no
    /// query. A collection whose list is not loaded admits no row (the rules
    /// fail closed), so an operation that reached one unforeseen would see
    /// too little, never too much. With `fields` (the operation's
    /// `selectedFields`), reads for its values may leave out the large stored
    /// fields it never shows (`unshownLargeFields(of:)`).
    public func preparing(forTypes typeNames: Set<String>, fields: Set<String>? = nil) async throws -> AccessContext {
        let selected = fields ?? selectedFields
        guard case .caller(let caller) = principal else { return with(principal, selectedFields: selected) }
        let collections = AccessContext.collections(reachedBy: typeNames)
        guard !caller.scope.missingRelations(for: collections).isEmpty else {
            return with(principal, selectedFields: selected)
        }
        let scope = try await RowRelationsLoader(database: database).load(caller.scope, for: collections)
        return with(.caller(Caller(key: caller.key, scope: scope)), selectedFields: selected)
    }

    private func with(_ principal: Principal, selectedFields: Set<String>?) -> AccessContext {
        AccessContext(
            database: database, principal: principal, client: client, requestId: requestId,
            selectedFields: selectedFields)
    }

    /// The collections whose documents values of `typeNames` are read from:
    /// entity types directly, and a connection or edge of one
    /// (`RescueRequestConnection`, `RescueRequestEdge`) as the entity it lists
    /// (its `totalCount` counts that collection even when no node is selected).
    static func collections(reachedBy typeNames: Set<String>) -> Set<Collections> {
        var collections = Set<Collections>()
        for name in typeNames {
            if let collection = listedCollections[name] { collections.insert(collection) }
        }
        return collections
    }

    /// Each entity type's name, and its connection's and edge's, to its
    /// collection: one lookup per selected type on every request (the suffix
    /// trimming it replaced was a visible share of a one-row read).
    private static let listedCollections: [String: Collections] = {
        var names: [String: Collections] = [:]
        for collection in Collections.allCases {
            let entity = collection.entityTypeName
            for name in [entity, entity + "Connection", entity + "Edge"] { names[name] = collection }
        }
        return names
    }()
}
