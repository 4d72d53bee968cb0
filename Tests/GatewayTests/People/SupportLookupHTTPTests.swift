import DataModel
import GraphQLEngine
import MongoStore
import Testing

/// The support console's look-ups through the blind indexes, over HTTP.
@Suite("Support look-ups over HTTP", .serialized)
struct SupportLookupHTTPTests {
    @Test("support finds a user by phone, a rider by email and a vehicle by plate however written; each search audited")
    func lookups() async throws {
        try await GatewayFixture.withPeople { fixture in
            let rider = try await fixture.rider()
            let driver = try await fixture.driver()
            let support = try await fixture.user(.support)
            let profile = try await fixture.send(
                #"mutation { updateRiderProfile(input: {email: "Dana@Example.com", phoneNumber: "+14155550123"}) { id } }"#,
                as: rider.key)
            #expect(profile?["errors"] == nil)
            let vehicle = try await fixture.send(
                VehicleAndPaymentMethodHTTPTests.add, VehicleAndPaymentMethodHTTPTests.vehicle(plate: "7ABC123"),
                as: driver.key)
            let vehicleId = try #require(People.data(vehicle, "addVehicle")?["id"]?.stringValueForTest)

            let found = try await fixture.send(
                """
                query($phone: String!, $email: String!, $plate: String!) {
                  userByPhone(phoneNumber: $phone) { id phoneNumber }
                  riderByEmail(email: $email) { id email }
                  vehicleByPlate(plateNumber: $plate) { id plateNumber }
                  none: userByPhone(phoneNumber: "+19995550000") { id }
                }
                """, #"{"phone": "+1 (415) 555-0123", "email": " dana@EXAMPLE.com", "plate": "7abc-123"}"#,
                as: support.key)
            #expect(People.data(found, "userByPhone")?["id"] == .string(rider.user.hex))
            #expect(found?["data"]?["userByPhone"]?["phoneNumber"] == "+14155550123")
            #expect(found?["data"]?["riderByEmail"]?["id"] == .string(rider.profile.hex))
            #expect(found?["data"]?["vehicleByPlate"]?["id"] == .string(vehicleId))
            #expect(found?["data"]?["none"] == .null)

            let audits = try await fixture.database.collection(.auditLogs).find(["action": "pii.lookup"])
            #expect(audits.count == 4)
            #expect(audits.allSatisfy { $0["userId"] == .objectID(support.id) })
            #expect(audits.contains { $0["entityId"] == .objectID(rider.user) && $0["entity"] == "users" })
            #expect(audits.contains { $0["entityId"] == .null })
            #expect(
                !audits.contains { $0.relaxedExtendedJSON.contains("555") || $0.relaxedExtendedJSON.contains("7ABC") })

            let byRider = try await fixture.send(
                #"{ userByPhone(phoneNumber: "+14155550123") { id } }"#, as: rider.key)
            #expect(People.error(byRider).code == "FORBIDDEN")
            let nothing = try await fixture.send(#"{ vehicleByPlate(plateNumber: "- -") { id } }"#, as: support.key)
            #expect(People.error(nothing).code == "BAD_USER_INPUT")
            #expect(People.error(nothing).argument == "plateNumber")
        }
    }
}
