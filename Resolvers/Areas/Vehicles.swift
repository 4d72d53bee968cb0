import GraphQLEngine
import SupportCarrData

/// Vehicles and their driver.
enum VehicleResolvers {
    static let map: ResolverMap = [
        "Vehicle": ["driver": .sync { try $0.byID(.driverProfiles, from: "driverId", typeName: "DriverProfile") }],
        "Query": ["vehicle": .sync { try $0.lookup(.vehicles) }],
    ]
}
