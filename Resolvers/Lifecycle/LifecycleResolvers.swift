import GraphQLEngine

/// The rescue lifecycle's mutations (`README.md`, "Rescue lifecycle"):
/// requesting a rescue, dispatching a driver, the driver's answer, its
/// availability and position. `transitionRescue` is `RescueTransitions`.
enum LifecycleResolvers {
    /// The mutations, with the surge of `createRescueRequest` counting free
    /// drivers in `locator`, and `assignDriver` ranking them there, while it
    /// can answer (nil: in the database).
    static func map(locator: DriverLocator?) -> ResolverMap {
        [
            "Mutation": [
                "createRescueRequest": .sync { try CreateRescueRequest.resolve($0, locator: locator) },
                "assignDriver": .sync { try AssignDriver.resolve($0, locator: locator) },
                "respondToAssignment": .sync { try RespondToAssignment.resolve($0) },
                "setDriverAvailability": .sync { try DriverAvailability.resolve($0) },
                "updateDriverLocation": .sync { try DriverLocationUpdate.resolve($0) },
            ]
        ]
    }
}
