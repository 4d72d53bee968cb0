import Foundation
import MongoStore
import Resolvers

/// Prints the load test's inputs as shell assignments: the rider with the most
/// rescues (`RIDER_ID`) and the position of an approved, online, free driver
/// (`NEAR_LNG`, `NEAR_LAT`), so `nearbyDrivers` finds someone.
func printInputs(_ database: MongoDatabase) async throws {
    let rescues = try await database.collection("rescuerequests").find(
        [:], options: FindOptions(projection: ["riderId": 1], batchSize: 10_000))
    var counts: [ObjectID: Int] = [:]
    for rescue in rescues {
        if case .objectID(let rider)? = rescue["riderId"] { counts[rider, default: 0] += 1 }
    }
    guard let rider = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.hex > $1.key.hex) })
    else {
        FileHandle.standardError.write(Data("load-peer: no rescues in the database; seed it first\n".utf8))
        exit(1)
    }
    let driver = try await database.collection("driverprofiles").findOne(
        ["isOnline": true, "isAvailable": true, "status": "approved"], options: FindOptions(sort: ["_id": 1]))
    guard let driver, case .document(let location)? = driver["location"],
        case .array(let point)? = location["coordinates"],
        point.count == 2, let lng = NearbyDrivers.number(point[0]), let lat = NearbyDrivers.number(point[1])
    else {
        FileHandle.standardError.write(Data("load-peer: no approved, online, free driver with a location\n".utf8))
        exit(1)
    }
    print("RIDER_ID=\(rider.key.hex)")
    print("RIDER_RESCUES=\(rider.value)")
    print("NEAR_LNG=\(lng)")
    print("NEAR_LAT=\(lat)")
}
