import Enforcement
import GraphQLEngine

/// The people mutations (`README.md`, "People"): profiles, vehicles and
/// payment methods. Those that write personal data seal it with `sealer`, the
/// keys the field pipeline decrypts with.
enum PeopleResolvers {
    static func map(sealer: PersonalDataSealer) -> ResolverMap {
        [
            "Mutation": [
                "updateRiderProfile": .sync { try UpdateRiderProfile.resolve($0, sealer: sealer) },
                "updateDriverProfile": .sync { try UpdateDriverProfile.resolve($0, sealer: sealer) },
                "addVehicle": .sync { try VehicleWrites.add($0, sealer: sealer) },
                "updateVehicle": .sync { try VehicleWrites.update($0, sealer: sealer) },
                "deactivateVehicle": .sync { try VehicleWrites.deactivate($0) },
                "addPaymentMethod": .sync { try PaymentMethodWrites.add($0) },
                "setDefaultPaymentMethod": .sync { try PaymentMethodWrites.setDefault($0) },
                "removePaymentMethod": .sync { try PaymentMethodWrites.remove($0) },
                "registerRider": .sync { try RegisterRider.resolve($0, sealer: sealer) },
            ]
        ]
    }
}
