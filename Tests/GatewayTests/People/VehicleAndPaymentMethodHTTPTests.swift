import DataModel
import GraphQLEngine
import MongoStore
import Security
import Testing

/// Vehicles (sealed plate and VIN, the plate unique through its hash) and
/// payment methods (Stripe ids only, exactly one default) over HTTP.
@Suite("Vehicle and payment method writes over HTTP", .serialized)
struct VehicleAndPaymentMethodHTTPTests {
    static let add = """
        mutation($input: AddVehicleInput!) { addVehicle(input: $input) { id plateNumber vin isActive year features } }
        """

    static func vehicle(plate: String, vin: String = "1FTFW1ET5DFC10312", driver: ObjectID? = nil) -> String {
        let named = driver.map { #""driverId": "\#($0.hex)", "# } ?? ""
        return #"""
            {"input": {\#(named)"type": "PICKUP_TRUCK", "make": "Ford", "model": "F-150", "year": 2021,
              "plateNumber": "\#(plate)", "vin": "\#(vin)", "capacity": 1500,
              "dimensions": {"length": 78, "width": 50, "height": 21}, "features": ["tie_downs"]}}
            """#
    }

    @Test("a driver adds, changes and deactivates a vehicle; a plate already on file is a CONFLICT however written")
    func vehicles() async throws {
        try await GatewayFixture.withPeople { fixture in
            let driver = try await fixture.driver()
            let other = try await fixture.driver()
            let added = try await fixture.send(Self.add, Self.vehicle(plate: "7abc 123"), as: driver.key)
            let vehicle = People.data(added, "addVehicle")
            #expect(vehicle?["plateNumber"] == "7abc 123")
            #expect(vehicle?["isActive"] == .bool(true))
            let id = try #require(ObjectID(vehicle?["id"]?.stringValueForTest ?? ""))
            let stored = try await fixture.stored(.vehicles, id)
            #expect(stored["driverId"] == .objectID(driver.profile))
            #expect(People.open(stored, .vehicles, "plateNumber") == "7abc 123")
            #expect(People.open(stored, .vehicles, "vin") == "1FTFW1ET5DFC10312")
            #expect(People.isUnderNewestKey(stored, "vin"))
            #expect(stored["plateNumberHash"] == .string(try BlindIndex.development.plateNumberHash("7ABC123")))
            #expect(!stored.relaxedExtendedJSON.contains("1FTFW1ET5DFC10312"))

            let taken = try await fixture.send(Self.add, Self.vehicle(plate: "7ABC-123"), as: other.key)
            #expect(People.error(taken).code == "CONFLICT")
            #expect(People.error(taken).argument == "input.plateNumber")
            let count = try await fixture.database.collection(.vehicles).countDocuments([
                "driverId": .objectID(other.profile)
            ])
            #expect(count == 0)

            let badVin = try await fixture.send(Self.add, Self.vehicle(plate: "XYZ 1", vin: "IOQ"), as: other.key)
            #expect(People.error(badVin).code == "BAD_USER_INPUT")
            #expect(People.error(badVin).argument == "input.vin")

            let update = "mutation($input: UpdateVehicleInput!) { updateVehicle(input: $input) { plateNumber year } }"
            let changed = try await fixture.send(
                update, #"{"input": {"vehicleId": "\#(id.hex)", "plateNumber": "NEW 42", "year": 2022}}"#,
                as: driver.key)
            #expect(People.data(changed, "updateVehicle")?["plateNumber"] == "NEW 42")
            let after = try await fixture.stored(.vehicles, id)
            #expect(after["plateNumberHash"] == .string(try BlindIndex.development.plateNumberHash("NEW42")))
            let notHis = try await fixture.send(
                update, #"{"input": {"vehicleId": "\#(id.hex)", "year": 2020}}"#, as: other.key)
            #expect(People.error(notHis).code == "NOT_FOUND")

            let deactivate = "mutation($id: ObjectID!) { deactivateVehicle(vehicleId: $id) { isActive } }"
            let off = try await fixture.send(deactivate, #"{"id": "\#(id.hex)"}"#, as: driver.key)
            #expect(People.data(off, "deactivateVehicle")?["isActive"] == .bool(false))
            let again = try await fixture.send(deactivate, #"{"id": "\#(id.hex)"}"#, as: driver.key)
            #expect(People.error(again).code == "CONFLICT")
            let audits = try await fixture.database.collection(.auditLogs).countDocuments(["entityId": .objectID(id)])
            #expect(audits == 3)
        }
    }

    static let addMethod = """
        mutation($input: AddPaymentMethodInput!) { addPaymentMethod(input: $input) { id isDefault card { last4 } } }
        """

    static func defaults(_ fixture: GatewayFixture, _ rider: ObjectID) async throws -> [ObjectID] {
        try await fixture.database.collection(.paymentMethods).find([
            "riderId": .objectID(rider), "isDefault": true,
        ]).compactMap { if case .objectID(let id)? = $0["_id"] { id } else { nil } }
    }

    @Test("payment methods keep exactly one default through adding, choosing and removing; card numbers are refused")
    func paymentMethods() async throws {
        try await GatewayFixture.withPeople { fixture in
            let rider = try await fixture.rider()
            let card =
                #"{"input": {"stripePaymentMethodId": "pm_1Abc", "type": "CARD", "card": {"brand": "visa", "last4": "4242", "expMonth": 4, "expYear": 2030}}}"#
            let first = try await fixture.send(Self.addMethod, card, as: rider.key)
            #expect(People.data(first, "addPaymentMethod")?["isDefault"] == .bool(true))
            let firstId = try #require(ObjectID(first?["data"]?["addPaymentMethod"]?["id"]?.stringValueForTest ?? ""))
            let second = try await fixture.send(
                Self.addMethod, #"{"input": {"stripePaymentMethodId": "pm_2Bank", "type": "BANK_ACCOUNT"}}"#,
                as: rider.key)
            #expect(People.data(second, "addPaymentMethod")?["isDefault"] == .bool(false))
            let secondId = try #require(
                ObjectID(second?["data"]?["addPaymentMethod"]?["id"]?.stringValueForTest ?? ""))
            #expect(try await Self.defaults(fixture, rider.profile) == [firstId])

            let choose = "mutation($id: ObjectID!) { setDefaultPaymentMethod(paymentMethodId: $id) { isDefault } }"
            let chosen = try await fixture.send(choose, #"{"id": "\#(secondId.hex)"}"#, as: rider.key)
            #expect(People.data(chosen, "setDefaultPaymentMethod")?["isDefault"] == .bool(true))
            #expect(try await Self.defaults(fixture, rider.profile) == [secondId])

            let remove = "mutation($id: ObjectID!) { removePaymentMethod(paymentMethodId: $id) }"
            let removed = try await fixture.send(remove, #"{"id": "\#(secondId.hex)"}"#, as: rider.key)
            #expect(People.data(removed, "removePaymentMethod") == .bool(true))
            #expect(try await Self.defaults(fixture, rider.profile) == [firstId])
            let gone = try await fixture.send(remove, #"{"id": "\#(secondId.hex)"}"#, as: rider.key)
            #expect(People.error(gone).code == "NOT_FOUND")

            for (input, argument) in [
                (
                    #"{"stripePaymentMethodId": "4242 4242 4242 4242", "type": "BANK_ACCOUNT"}"#,
                    "input.stripePaymentMethodId"
                ),
                (
                    #"{"stripePaymentMethodId": "pm_4242424242424242", "type": "BANK_ACCOUNT"}"#,
                    "input.stripePaymentMethodId"
                ),
                (#"{"stripePaymentMethodId": "card_123", "type": "BANK_ACCOUNT"}"#, "input.stripePaymentMethodId"),
                (
                    #"{"stripePaymentMethodId": "pm_9", "type": "CARD", "card": {"brand": "visa", "last4": "42424"}}"#,
                    "input.card.last4"
                ),
                (#"{"stripePaymentMethodId": "pm_9", "type": "CARD"}"#, "input.card"),
            ] {
                let refused = try await fixture.send(Self.addMethod, #"{"input": \#(input)}"#, as: rider.key)
                #expect(People.error(refused).code == "BAD_USER_INPUT", "\(input)")
                #expect(People.error(refused).argument == argument, "\(input)")
            }
            // Two choices at once: the transactions conflict on the rider, so one default is left.
            let third = try await fixture.send(
                Self.addMethod, #"{"input": {"stripePaymentMethodId": "pm_3Bank", "type": "BANK_ACCOUNT"}}"#,
                as: rider.key)
            let thirdId = try #require(ObjectID(third?["data"]?["addPaymentMethod"]?["id"]?.stringValueForTest ?? ""))
            try await fixture.live { client in
                async let one = fixture.post(
                    choose, variables: #"{"id": "\#(firstId.hex)"}"#, key: rider.key, client: client)
                async let two = fixture.post(
                    choose, variables: #"{"id": "\#(thirdId.hex)"}"#, key: rider.key, client: client)
                _ = try await (one, two)
            }
            #expect(try await Self.defaults(fixture, rider.profile).count == 1)
            let removeThird = try await fixture.send(remove, #"{"id": "\#(thirdId.hex)"}"#, as: rider.key)
            #expect(People.data(removeThird, "removePaymentMethod") == .bool(true))
            #expect(try await Self.defaults(fixture, rider.profile) == [firstId])
            let stored = try await fixture.database.collection(.paymentMethods).find([
                "riderId": .objectID(rider.profile)
            ])
            #expect(stored.count == 1)
            #expect(!stored.contains { $0.relaxedExtendedJSON.contains("4242424242424242") })
        }
    }
}
