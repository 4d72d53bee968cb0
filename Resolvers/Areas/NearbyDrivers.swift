import GraphQLEngine
import MongoStore
import SupportCarrData

/// `Query.nearbyDrivers`: approved, online, available drivers nearest first.
///
/// A `$geoNear` aggregation on the `location` 2dsphere index (a plain find
/// with `$near` returns SecantusDB's stored order, not distance order), with
/// the distance in meters added to each result.
enum NearbyDrivers {
    static func resolve(_ field: FieldContext) throws -> ResolvedValue {
        let first = field.arguments["first", as: Int.self] ?? 20
        guard first >= 1, first <= ConnectionQuery.maxPageSize else {
            throw UserInputError("Argument \"first\" must be between 1 and \(ConnectionQuery.maxPageSize); got \(first).")
        }
        let maxDistance = field.arguments["maxDistanceMeters", as: Int.self] ?? 5000
        guard maxDistance >= 0 else { throw UserInputError("Argument \"maxDistanceMeters\" must not be negative.") }
        guard case .object(let near)? = field.arguments["near"],
            let lng = near.first(where: { $0.key == "lng" }).flatMap({ Double(argumentValue: $0.value) }),
            let lat = near.first(where: { $0.key == "lat" }).flatMap({ Double(argumentValue: $0.value) }),
            (-180...180).contains(lng), (-90...90).contains(lat)
        else { throw UserInputError("Argument \"near\" needs lng in [-180, 180] and lat in [-90, 90].") }
        let database = try field.requestContext().database
        let pipeline = self.pipeline(lng: lng, lat: lat, maxDistance: maxDistance, first: first)
        return .async {
            let documents = try await database.collection(Collections.driverProfiles.name).aggregate(pipeline)
            return .list(documents.map { document in
                var driver = document
                let distance = driver.removeValue(forKey: distanceField) ?? .null
                return .object(NearbyDriverSource(distance: distance, driver: DocumentSource(driver, typeName: "DriverProfile")))
            })
        }
    }

    static let distanceField = "__distanceMeters"

    static func pipeline(lng: Double, lat: Double, maxDistance: Int, first: Int) -> [BSONDocument] {
        [
            [
                "$geoNear": [
                    "near": ["type": "Point", "coordinates": [.double(lng), .double(lat)]],
                    "distanceField": .string(distanceField),
                    "maxDistance": .double(Double(maxDistance)),
                    "spherical": true,
                    "key": "location",
                    "query": ["isOnline": true, "isAvailable": true, "status": "approved"],
                ]
            ],
            ["$limit": .int64(Int64(first))],
        ]
    }
}

/// One `NearbyDriver`: the driver and how far away they are.
struct NearbyDriverSource: FieldSource {
    let distance: BSONValue
    let driver: DocumentSource
    func fieldValue(named name: String) -> ResolvedValue {
        switch name {
        case "distanceMeters": return BSONConversion.resolved(distance)
        case "driver": return .object(driver)
        default: return .null
        }
    }
}
