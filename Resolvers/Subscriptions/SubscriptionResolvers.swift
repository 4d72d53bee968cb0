import DataModel
import Enforcement
public import GraphQLEngine
public import MongoStore

/// `Subscription`'s fields over the process's `ChangeStreamHub` (README,
/// "Subscriptions").
///
/// Each field has two halves (https://spec.graphql.org/October2021/#sec-Subscription):
/// - **subscribe** (`subscriptions`): checks what the caller names exists
///   and is theirs to watch *now* (a rider naming another rider's rescue is
///   refused with `NOT_FOUND`, as a query for it would find nothing), then
///   asks the hub for the changes that concern it; the filter only narrows
///   the shared stream cheaply, it never decides access;
/// - **per event** (`map`): reads the row again through the ordinary loaders
///   with the access context of that event (the subscriber's key as it is
///   at that moment, its row rules), so the field pipeline (`@requires`,
///   decryption, audit) treats it exactly as a query's row. A row the
///   subscriber may not read (any more) drops the event
///   (`SubscriptionEventSkipped`): nothing is sent for it.
public enum SubscriptionResolvers {
    /// The collections the hub serves and the fields their streams keep: only
    /// what the filters below look at (never personal data); `_id`, the
    /// resume token, stays.
    public static let hubCollections: [String: [BSONDocument]] = [
        Collections.rescueRequests.name: [
            [
                "$project": [
                    "operationType": 1, "documentKey": 1, "wallTime": 1, "fullDocument.status": 1,
                    "updateDescription.updatedFields.status": 1,
                ]
            ]
        ],
        Collections.rescueAssignments.name: [
            [
                "$project": [
                    "operationType": 1, "documentKey": 1, "wallTime": 1, "fullDocument.rescueId": 1,
                    "fullDocument.driverId": 1, "fullDocument.status": 1,
                    "updateDescription.updatedFields.status": 1, "updateDescription.updatedFields.driverLocation": 1,
                ]
            ]
        ],
    ]

    /// Rescue statuses after which a rescue has left the support queue.
    static let closedStatuses: Set<String> = ["completed", "cancelled"]

    /// The per-event resolvers (the `Subscription` entries of the resolver map).
    static let map: ResolverMap = [
        "Subscription": [
            "rescueUpdated": .sync { field in
                let id = try field.objectIDArgument("id")
                return field.load(ByIDLoader(try field.accessContext(), .rescueRequests), key: id) { rescue in
                    guard let rescue else { throw SubscriptionEventSkipped() }
                    return .object(rescue)
                }
            },
            "driverLocation": .sync { field in
                let rescue = try field.objectIDArgument("rescueId")
                let loader = ByForeignKeyLoader(try field.accessContext(), .rescueAssignments, field: "rescueId")
                return field.load(loader, key: rescue) { assignment in
                    guard let assignment, assignment.stored("driverLocation") != nil else {
                        throw SubscriptionEventSkipped()
                    }
                    return assignment.fieldValue(named: "driverLocation")
                }
            },
            "assignmentOffered": .sync { field in
                let id = try field.event().objectID()
                return field.load(ByIDLoader(try field.accessContext(), .rescueAssignments), key: id) { assignment in
                    // Still this driver's, still waiting for an answer.
                    guard let assignment, assignment.stored("status") == .string("assigned"),
                        let driver = try field.accessContext().principal.driverProfileID,
                        assignment.objectID("driverId") == driver
                    else { throw SubscriptionEventSkipped() }
                    return .object(assignment)
                }
            },
            "openRescuesChanged": .sync { field in
                let id = try field.event().objectID()
                return field.load(ByIDLoader(try field.accessContext(), .rescueRequests), key: id) { rescue in
                    guard let rescue else { throw SubscriptionEventSkipped() }
                    return .object(rescue)
                }
            },
        ]
    ]

    /// The subscribe halves; with no hub, each refuses with `SERVICE_UNAVAILABLE`.
    public static func subscriptions(hub: ChangeStreamHub?) -> SubscriptionResolverMap {
        let rescues = Collections.rescueRequests.name
        let assignments = Collections.rescueAssignments.name
        return [
            "rescueUpdated": { field in
                let id = try field.objectIDArgument("id")
                try await requireVisible(.rescueRequests, id: id, argument: "id", what: "rescue", field: field)
                return try await changes(of: [rescues, assignments], from: hub) { event in
                    event.collection == rescues
                        ? event.documentID == .objectID(id) : event.field("rescueId") == .objectID(id)
                }
            },
            "driverLocation": { field in
                let id = try field.objectIDArgument("rescueId")
                try await requireVisible(.rescueRequests, id: id, argument: "rescueId", what: "rescue", field: field)
                return try await changes(of: [assignments], from: hub) { event in
                    guard event.field("rescueId") == .objectID(id) else { return false }
                    return event.operationType != "update" || event.updatedFields?["driverLocation"] != nil
                }
            },
            "assignmentOffered": { field in
                guard let driver = try field.accessContext().principal.driverProfileID else {
                    throw GraphQLError(
                        message: "Only a driver's key is offered assignments.",
                        extensions: [("code", .string(GraphQLError.Code.forbidden))])
                }
                return try await changes(of: [assignments], from: hub) { event in
                    guard event.field("driverId") == .objectID(driver), event.field("status") == .string("assigned")
                    else { return false }
                    // New, or a declined assignment offered again.
                    return event.operationType == "insert" || event.operationType == "replace"
                        || event.updatedFields?["status"] != nil
                }
            },
            "openRescuesChanged": { _ in
                try await changes(of: [rescues], from: hub) { event in
                    guard case .string(let status)? = event.field("status") else { return false }
                    // Open ones, and the change that closes one (sent once, with its final status).
                    return !closedStatuses.contains(status) || event.updatedFields?["status"] != nil
                }
            },
        ]
    }

    /// Refuses the subscription unless the caller may read the document now.
    private static func requireVisible(
        _ collection: Collections, id: ObjectID, argument: String, what: String, field: FieldContext
    ) async throws {
        let context = try field.accessContext()
        let found = try await context.collection(collection).findOne(
            context.restrict(["_id": .objectID(id)], in: collection), options: FindOptions(projection: ["_id": 1]))
        guard found != nil else { throw NotFoundError(argument: argument, what: what) }
    }

    /// The hub's changes as a source stream of `ChangeEventSource` values.
    private static func changes(
        of collections: [String], from hub: ChangeStreamHub?,
        where filter: @escaping @Sendable (ChangeStreamEvent) -> Bool
    ) async throws -> SourceEventStream {
        guard let hub else { throw LiveUpdatesUnavailable() }
        do {
            return SourceEventStream(HubEvents(changes: try await hub.changes(of: collections, where: filter)))
        } catch {
            // Unavailable (the stream did not open in time) or stopped (shutting down).
            throw LiveUpdatesUnavailable()
        }
    }
}

/// A change event as the root value of one subscription event.
struct ChangeEventSource: FieldSource {
    let event: ChangeStreamEvent

    func fieldValue(named name: String) -> ResolvedValue { .null }

    /// The changed document's `_id`.
    func objectID() throws -> ObjectID {
        guard case .objectID(let id)? = event.documentID else { throw SubscriptionEventSkipped() }
        return id
    }
}

extension FieldContext {
    /// The subscription event this execution runs for.
    fileprivate func event() throws -> ChangeEventSource {
        guard let event = parent as? ChangeEventSource else { throw SubscriptionEventSkipped() }
        return event
    }
}

/// The process serves no live updates right now (no hub, or its database
/// stream did not open in time): `SERVICE_UNAVAILABLE`, try again later.
struct LiveUpdatesUnavailable: ClientFacingError {
    var graphQLError: GraphQLError {
        GraphQLError(
            message: "Live updates are unavailable right now; subscribe again later.",
            extensions: [("code", .string("SERVICE_UNAVAILABLE"))])
    }
}
