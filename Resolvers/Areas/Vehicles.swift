import DataModel
import GraphQLEngine

/// Vehicles and their driver.
enum VehicleResolvers {
    static let map: ResolverMap = [
        "Vehicle": ["driver": .sync { try $0.byID(.driverProfiles, from: "driverId") }],
        "Query": ["vehicle": .sync { try $0.lookup(.vehicles) }],
    ]
}
