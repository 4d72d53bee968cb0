public import DataModel
public import MongoStore

/// The rows one request may see: its caller's role and own ids, plus the
/// relation lists its rules need. Resolvers AND `filter(for:)` into every query
/// filter (`restrict(_:in:)` does it), never filtering after the fetch, so page
/// sizes, cursors and `totalCount` agree with what the caller is shown.
public struct RowScope: Sendable {
    public let role: Role
    public let userId: ObjectID
    /// The user's rider profile; nil for non-riders and riders without a profile.
    public let riderProfileId: ObjectID?
    /// The user's driver profile; nil for non-drivers and drivers without a profile.
    public let driverProfileId: ObjectID?
    /// The relation lists loaded so far; a rule naming a relation missing here
    /// admits no row (fail closed).
    public var relations: [RowRelation: [ObjectID]]

    public init(
        role: Role, userId: ObjectID, riderProfileId: ObjectID? = nil, driverProfileId: ObjectID? = nil,
        relations: [RowRelation: [ObjectID]] = [:]
    ) {
        self.role = role
        self.userId = userId
        self.riderProfileId = riderProfileId
        self.driverProfileId = driverProfileId
        self.relations = relations
    }

    /// The filter that admits nothing (no document has an `_id` in an empty list).
    public static let matchesNothing: BSONDocument = ["_id": ["$in": []]]

    /// The rows of `collection` this caller may see, as a filter fragment: `{}`
    /// for every row, `matchesNothing` for none.
    public func filter(for collection: Collections) -> BSONDocument {
        render(RowRules.visibility(for: role, in: collection))
    }

    /// The rows of `collection` this caller may find through a search that is
    /// itself the grant, and the fields such a find may read (nil: all);
    /// `RowRules.discovery`.
    public func discovery(in collection: Collections) -> (filter: BSONDocument, fields: [String]?) {
        let discovery = RowRules.discovery(for: role, in: collection)
        return (render(discovery.rule), discovery.fields)
    }

    /// `filter` restricted to this caller's rows of `collection`: the two ANDed
    /// as one document of conditions where that means the same (the rule's
    /// fields are ids, one value each: `BSONDocument.and(_:oneValueFields:)`),
    /// else in an `$and`; whichever is not empty.
    public func restrict(_ filter: BSONDocument, in collection: Collections) -> BSONDocument {
        filter.and(self.filter(for: collection), oneValueFields: true)
    }

    /// The relations the rules of `collections` need that are not loaded yet
    /// (for `RowRelationsLoader`).
    public func missingRelations(for collections: some Sequence<Collections>) -> Set<RowRelation> {
        var needed = Set<RowRelation>()
        for collection in collections {
            needed.formUnion(RowRules.visibility(for: role, in: collection).relations)
            needed.formUnion(RowRules.personalData(for: role, in: collection).relations)
            needed.formUnion(RowRules.discovery(for: role, in: collection).rule.relations)
        }
        return needed.subtracting(relations.keys)
    }

    /// Whether `document`, fetched from `collection`, is a row this caller may see.
    public func maySee(_ document: BSONDocument, in collection: Collections) -> Bool {
        matches(RowRules.visibility(for: role, in: collection), document)
    }

    /// Whether this caller may read the personal data (fields behind a `pii:`
    /// permission) of `document` from `collection`. The permission itself is
    /// checked by the field pipeline; this is the row half of the decision.
    public func mayReadPersonalData(of document: BSONDocument, in collection: Collections) -> Bool {
        matches(RowRules.personalData(for: role, in: collection), document)
    }

    // MARK: Rendering and matching

    func identifier(_ which: PrincipalIdentifier) -> ObjectID? {
        switch which {
        case .userId: userId
        case .riderProfileId: riderProfileId
        case .driverProfileId: driverProfileId
        }
    }

    /// `rule` as a filter fragment.
    func render(_ rule: RowRule) -> BSONDocument {
        switch rule {
        case .everything:
            return [:]
        case .nothing:
            return Self.matchesNothing
        case .equals(let field, let which):
            guard let id = identifier(which) else { return Self.matchesNothing }
            return [field: .objectID(id)]
        case .within(let field, let relation):
            guard let ids = relations[relation] else { return Self.matchesNothing }
            return [field: ["$in": .array(ids.map(BSONValue.objectID))]]
        case .anyOf(let rules):
            let parts = rules.map(render).filter { $0 != Self.matchesNothing }
            if parts.isEmpty { return Self.matchesNothing }
            if parts.contains(where: \.isEmpty) { return [:] }
            if parts.count == 1 { return parts[0] }
            return ["$or": .array(parts.map(BSONValue.document))]
        }
    }

    /// Whether `rule` admits `document` (the same decision `render` asks the
    /// database to make).
    func matches(_ rule: RowRule, _ document: BSONDocument) -> Bool {
        switch rule {
        case .everything:
            return true
        case .nothing:
            return false
        case .equals(let field, let which):
            guard let id = identifier(which) else { return false }
            return document[field] == .objectID(id)
        case .within(let field, let relation):
            guard let ids = relations[relation], case .objectID(let value)? = document[field] else { return false }
            return ids.contains(value)
        case .anyOf(let rules):
            return rules.contains { matches($0, document) }
        }
    }
}
