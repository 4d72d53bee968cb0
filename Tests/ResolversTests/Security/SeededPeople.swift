import GraphQLEngine
import MongoStore
import Resolvers
import Security
import SupportCarrData
import Testing

/// A rider and a driver of one seeded live rescue (so each is the other's
/// counterpart: the other party of a live rescue, `RowRelation`), a driver who
/// never served that rider, a support agent and an administrator, with the ids
/// the permission matrix reads.
struct SeededPeople {
    let riderUser: ObjectID
    let riderProfile: ObjectID
    let driverUser: ObjectID
    let driverProfile: ObjectID
    let vehicle: ObjectID
    let otherDriverProfile: ObjectID
    let otherRiderProfile: ObjectID
    let supportUser: ObjectID
    let adminUser: ObjectID
    /// A partner user added to the seeded data (the seed has none), with
    /// nothing stamped as its yet.
    let partnerUser: ObjectID

    /// The roles whose expectations the permission matrix spells out.
    static let matrixRoles: [Role] = [.rider, .driver, .support, .admin]

    static func find(in database: MongoDatabase) async throws -> SeededPeople {
        func id(_ document: BSONDocument?, _ field: String = "_id") throws -> ObjectID {
            guard case .objectID(let id)? = document?[field] else { throw CancellationError() }
            return id
        }
        let vehicles = database.collection("vehicles")
        // An active assignment whose driver has a vehicle.
        var chosen: (assignment: BSONDocument, vehicle: BSONDocument)?
        for assignment in try await database.collection("rescueassignments").find(
            ["status": ["$in": ["accepted", "en_route", "arrived", "in_progress"]]],
            options: FindOptions(sort: ["_id": 1]))
        {
            if let vehicle = try await vehicles.findOne(["driverId": assignment["driverId"] ?? .null]) {
                chosen = (assignment, vehicle)
                break
            }
        }
        let (assignment, vehicle) = try #require(chosen)
        let rescue = try await database.collection("rescuerequests").findOne([
            "_id": .objectID(try id(assignment, "rescueId"))
        ])
        let riderProfile = try id(rescue, "riderId")
        let driverProfile = try id(assignment, "driverId")
        let rider = try await database.collection("riderprofiles").findOne(["_id": .objectID(riderProfile)])
        let driver = try await database.collection("driverprofiles").findOne(["_id": .objectID(driverProfile)])
        // A driver who never served this rider, and a rider this driver never served.
        let riderRescues = try await database.collection("rescuerequests").find(["riderId": .objectID(riderProfile)])
            .compactMap { $0["_id"] }
        let servedBy = try await database.collection("rescueassignments").distinct(
            "driverId", filter: ["rescueId": ["$in": .array(riderRescues)]])
        let other = try await database.collection("driverprofiles").findOne(["_id": ["$nin": .array(servedBy)]])
        let driverRescues = try await database.collection("rescueassignments").distinct(
            "rescueId", filter: ["driverId": .objectID(driverProfile)])
        let servedRiders = try await database.collection("rescuerequests").distinct(
            "riderId", filter: ["_id": ["$in": .array(driverRescues)]])
        let otherRider = try await database.collection("riderprofiles").findOne(["_id": ["$nin": .array(servedRiders)]])
        return SeededPeople(
            riderUser: try id(rider, "userId"), riderProfile: riderProfile, driverUser: try id(driver, "userId"),
            driverProfile: driverProfile, vehicle: try id(vehicle), otherDriverProfile: try id(other),
            otherRiderProfile: try id(otherRider),
            supportUser: try await Callers.firstUser(.support, in: database),
            adminUser: try await Callers.firstUser(.admin, in: database), partnerUser: try await partner(in: database))
    }

    /// A new partner user (the demo seed makes none).
    static func partner(in database: MongoDatabase) async throws -> ObjectID {
        let id = ObjectID()
        try await database.collection("users").insertOne([
            "_id": .objectID(id), "role": "partner", "phoneVerified": false, "createdAt": .date(.now()),
            "updatedAt": .date(.now()),
        ])
        return id
    }

    func user(of role: Role) -> ObjectID {
        switch role {
        case .rider: riderUser
        case .driver: driverUser
        case .support: supportUser
        case .admin: adminUser
        case .partner: partnerUser
        }
    }

    var variables: [String: JSONValue] {
        [
            "riderUser": .string(riderUser.hex), "driverUser": .string(driverUser.hex),
            "rider": .string(riderProfile.hex),
            "driver": .string(driverProfile.hex), "vehicle": .string(vehicle.hex),
            "other": .string(otherDriverProfile.hex),
            "otherRider": .string(otherRiderProfile.hex),
        ]
    }
}
