public import DataModel
import Enforcement
public import GraphQLEngine
public import MongoStore

/// One page of a Relay connection (https://relay.dev/graphql/connections.htm)
/// over a collection, newest first by a date field then `_id`.
///
/// The page is one find (`limit: first + 1`, so `hasNextPage` needs no count)
/// when its filter names an owner or a row by id; otherwise a read in time
/// slices (``TimeSlicedPage``), which costs the embedded database only the
/// rows near the page instead of every row the filter matches.
/// `totalCount` is a resolver of its own on every connection type, so the
/// count runs only when a client selects it (then beside the page's find).
///
/// No index hint: the filter and sort are written so that the planner's own
/// choice is the catalogue index that serves them (the query-plan tests check
/// each with `explain`). A hint would also be a cost on the embedded database,
/// which runs a hinted find as a scan of the whole index (`docs/DATA-MODEL.md`,
/// "Embedded database").
public struct ConnectionQuery: Sendable {
    public let collection: Collections
    public let filter: BSONDocument
    /// The date field the list is ordered by (descending), `_id` breaking ties.
    public let sortField: String

    public init(_ collection: Collections, filter: BSONDocument, sortField: String = "createdAt") {
        self.collection = collection
        self.filter = filter
        self.sortField = sortField
    }

    /// The find options of a page of `first` items after the cursor in the filter.
    func pageOptions(first: Int, skippedFields: Set<String> = []) -> FindOptions {
        FindOptions(
            sort: [sortField: -1, "_id": -1], limit: first + 1, batchSize: first + 1, skippedFields: skippedFields)
    }

    /// The page the field's `first`/`after` arguments ask for, as a value the
    /// connection type's fields read.
    ///
    /// The largest `first` is the engine's page-size limit
    /// (`QueryLimits.maxPageSize`, `SUPPORTCARR_MAX_PAGE_SIZE`), checked before
    /// any resolver runs; here only its lower bound.
    public func page(_ field: FieldContext) throws -> ResolvedValue {
        let first = field.arguments["first", as: Int.self] ?? 20
        guard first >= 0 else { throw UserInputError("Argument \"first\" must not be negative; got \(first).") }
        let context = try field.accessContext()
        // The caller's row rule is part of the filter, so the page, its cursors
        // and `totalCount` all count only rows the caller may see.
        let visible = context.restrict(filter, in: collection)
        var after: Cursor?
        if let text = field.arguments["after", as: String.self] {
            guard let cursor = Cursor(encoded: text) else {
                throw UserInputError("Argument \"after\" is not a cursor of this list.")
            }
            after = cursor
        }
        let database = context.database
        let counted = first > 0 && field.selects("totalCount")
        if TimeSlicedPage.applies(to: visible, sortField: sortField) {
            let sliced = TimeSlicedPage(
                collection: database.collection(collection), filter: visible, sortField: sortField, limit: first + 1,
                after: after, skippedFields: context.unshownLargeFields(of: collection))
            let this = self
            let collection = sliced.collection
            var counting: (@Sendable () async throws -> Int)?
            if counted { counting = { try await collection.countDocuments(visible) } }
            return .async { [counting] in
                let (documents, total) = try await ConnectionPage.read(counting: counting) {
                    first == 0 ? [] : try await sliced.read()
                }
                var page = ConnectionPage(
                    query: this, countFilter: visible, database: database, documents: documents, first: first)
                page.knownTotal = total
                return .object(page)
            }
        }
        // An owner's or a row's id first: the planner plans on the first field's index.
        var query = visible.idConditionsFirst()
        if let cursor = after {
            let after: BSONDocument = [
                "$or": [
                    [sortField: ["$lt": .date(cursor.sortKey)]],
                    [sortField: .date(cursor.sortKey), "_id": ["$lt": .objectID(cursor.id)]],
                ]
            ]
            query = query.and(after)
        }
        let options = pageOptions(first: first, skippedFields: context.unshownLargeFields(of: collection))
        let countFilter = visible
        let pageFilter = query
        let this = self
        // With `totalCount` selected, the count is sent beside the page's find,
        // both in flight at once (looked ahead, so not a level later).
        let collection = database.collection(collection)
        var counting: (@Sendable () async throws -> Int)?
        if counted { counting = { try await collection.countDocuments(countFilter) } }
        return .async { [counting] in
            let (documents, total) = try await ConnectionPage.read(counting: counting) {
                first == 0 ? [] : try await collection.find(pageFilter, options: options)
            }
            var page = ConnectionPage(
                query: this, countFilter: countFilter, database: database, documents: documents, first: first)
            page.knownTotal = total
            return .object(page)
        }
    }
}

/// A fetched page: `edges`, `pageInfo`, and what `totalCount` needs to count.
public struct ConnectionPage: FieldSource {
    let query: ConnectionQuery
    let countFilter: BSONDocument
    let database: MongoDatabase
    let edges: [Edge]
    let hasNextPage: Bool
    /// The count, when it was read with the page.
    var knownTotal: Int?

    init(
        query: ConnectionQuery, countFilter: BSONDocument, database: MongoDatabase, documents: [BSONDocument],
        first: Int
    ) {
        self.query = query
        self.countFilter = countFilter
        self.database = database
        self.hasNextPage = documents.count > first
        self.edges = documents.prefix(first).map { document in
            let node = DocumentSource(document, typeName: query.collection.entityTypeName)
            var cursor = ""
            if case .date(let key)? = document[query.sortField], case .objectID(let id)? = document["_id"] {
                cursor = Cursor(sortKey: key, id: id).encoded
            }
            return Edge(cursor: cursor, node: node)
        }
    }

    public func fieldValue(named name: String) -> ResolvedValue {
        switch name {
        case "edges":
            return .list(edges.map { .object($0) })
        case "pageInfo":
            return .json(
                .object([
                    (key: "hasNextPage", value: .bool(hasNextPage)), (key: "hasPreviousPage", value: .bool(false)),
                    (key: "startCursor", value: edges.first.map { .string($0.cursor) } ?? .null),
                    (key: "endCursor", value: edges.last.map { .string($0.cursor) } ?? .null),
                ]))
        default:
            return .null
        }
    }

    /// The page's documents and, when `counting` is given, the count in
    /// flight beside them. Without a count no child task is made: an
    /// `async let` of nil still creates one, which on the request executor
    /// meant another database thread woken for nothing, on every page.
    static func read(
        counting: (@Sendable () async throws -> Int)?, documents: () async throws -> [BSONDocument]
    ) async throws -> ([BSONDocument], Int?) {
        guard let counting else { return (try await documents(), nil) }
        async let total = counting()
        return (try await documents(), try await total)
    }

    /// `totalCount`: every item of the list (not only this page), counted on the server.
    public func totalCount() -> ResolvedValue {
        if let knownTotal { return .int(knownTotal) }
        let collection = database.collection(query.collection.name)
        let filter = countFilter
        return .async { .int(try await collection.countDocuments(filter)) }
    }

    /// One item of a page.
    struct Edge: FieldSource {
        let cursor: String
        let node: DocumentSource
        func fieldValue(named name: String) -> ResolvedValue {
            switch name {
            case "cursor": return .string(cursor)
            case "node": return .object(node)
            default: return .null
            }
        }
    }
}

/// The resolver of `totalCount` on every connection type.
enum ConnectionResolvers {
    static let totalCount = FieldResolver.sync { field in
        guard let page = field.parent as? ConnectionPage else { return .null }
        return page.totalCount()
    }
}
