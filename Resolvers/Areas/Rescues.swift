import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// Rescue requests, their assignments and status history; the rider's rescue
/// history and the driver's active rescue (`docs/DATA-MODEL.md`, "Critical queries").
enum RescueResolvers {
    /// Assignment statuses of a job under way.
    static let activeAssignmentStatuses: [BSONValue] = ["accepted", "en_route", "arrived", "in_progress"]

    static let map: ResolverMap = [
        "RescueRequest": [
            "rider": .sync { try $0.byID(.riderProfiles, from: "riderId") },
            "cancelledByUser": .sync { try $0.byID(.users, from: "cancelledBy") },
            "assignment": .sync { try $0.one(.rescueAssignments, where: "rescueId") },
            "payment": .sync { try $0.one(.payments, where: "rescueId") },
            "ratings": .sync { try $0.many(.ratings, where: "rescueId", sort: ["createdAt": 1, "_id": 1]) },
            "statusHistory": .sync {
                try $0.many(.rescueStatusHistories, where: "rescueId", sort: ["timestamp": 1, "_id": 1])
            },
        ],
        "RescueAssignment": [
            "rescue": .sync { try $0.byID(.rescueRequests, from: "rescueId") },
            "driver": .sync { try $0.byID(.driverProfiles, from: "driverId") },
        ],
        "RescueStatusHistory": [
            "rescue": .sync { try $0.byID(.rescueRequests, from: "rescueId") },
            "changedByUser": .sync { try $0.byID(.users, from: "changedBy") },
        ],
        "Query": [
            "rescueRequest": .sync { try $0.lookup(.rescueRequests) },
            "rescueAssignment": .sync { try $0.lookup(.rescueAssignments) },
            "rescueStatusHistory": .sync { try $0.lookup(.rescueStatusHistories) },
            "rescueHistory": .sync { field in
                let rider = try field.objectIDArgument("riderId")
                return try history(ofRider: rider).page(field)
            },
            "activeRescue": .sync { field in
                let driver = try field.objectIDArgument("driverId")
                let context = try field.accessContext()
                return .async {
                    try await activeAssignment(ofDriver: driver, in: context).map { .object(DocumentSource($0)) }
                        ?? .null
                }
            },
            "rescueRequests": .sync { field in
                var filter = BSONDocument()
                field.enumListCondition("status", into: &filter)
                try field.rangeCondition("requestedAt", into: &filter)
                // The planner picks {status: 1, requestedAt: 1} with a status filter, else {requestedAt: 1}.
                let query = ConnectionQuery(.rescueRequests, filter: filter, sortField: "requestedAt")
                return try query.page(field)
            },
        ],
    ]

    /// A rider's rescues, newest first, on `{riderId: 1, createdAt: -1}`
    /// (the planner's own choice: `ConnectionQuery` sends no hint).
    static func history(ofRider rider: ObjectID) -> ConnectionQuery {
        ConnectionQuery(.rescueRequests, filter: ["riderId": .objectID(rider)], sortField: "createdAt")
    }

    /// The filter and options of a driver's active assignment, on `{driverId: 1, status: 1}`.
    static func activeAssignmentQuery(ofDriver driver: ObjectID) -> (BSONDocument, FindOptions) {
        (
            ["driverId": .objectID(driver), "status": ["$in": .array(activeAssignmentStatuses)]],
            FindOptions(sort: ["assignedAt": -1])
        )
    }

    /// The driver's active assignment, if the request may see it.
    static func activeAssignment(ofDriver driver: ObjectID, in context: AccessContext) async throws -> BSONDocument? {
        let (filter, query) = activeAssignmentQuery(ofDriver: driver)
        var options = query
        options.skippedFields = context.unshownLargeFields(of: .rescueAssignments)
        return try await context.collection(.rescueAssignments).findOne(
            context.restrict(filter, in: .rescueAssignments), options: options)
    }
}
