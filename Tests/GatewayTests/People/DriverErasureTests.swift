import DataModel
import Foundation
import GraphQLEngine
import MongoStore
import Security
import Testing

/// A driver's erasure through `supportcarr gdpr erase`: its identity and
/// financial data, its vehicles and its position trail go; its rescues and
/// payments stay, anonymised; nothing personal of it is left in any collection.
@Suite("GDPR erasure of a driver", .serialized)
struct DriverErasureTests {
    static let personal = [
        "Morgan Wheelwright", "morgan@trucks.example", "+17205550188", "LIC-778899", "INS-445566", "000987654321",
        "7XYZ 889", "1FTFW1ET5DFC10313", "Left the spare at the curb",
    ]

    @Test("the CLI erases a driver: license, bank details, vehicles and trail gone, payments kept")
    func eraseADriver() async throws {
        try await GatewayFixture.withPeople { fixture in
            let driver = try await fixture.driver()
            let changed = try await fixture.send(
                """
                mutation { updateDriverProfile(input: {name: "Morgan Wheelwright", email: "morgan@trucks.example",
                  phoneNumber: "+17205550188", licenseNumber: "LIC-778899", vehicleInsuranceNumber: "INS-445566",
                  bankDetails: {accountNumber: "000987654321", routingNumber: "110000000", accountHolderName: "Morgan Wheelwright"}}) { id } }
                """, as: driver.key)
            #expect(changed?["errors"] == nil, "\(String(describing: changed))")
            let vehicle = try await fixture.send(
                VehicleAndPaymentMethodHTTPTests.add,
                VehicleAndPaymentMethodHTTPTests.vehicle(plate: "7XYZ 889", vin: "1FTFW1ET5DFC10313"), as: driver.key)
            #expect(vehicle?["errors"] == nil, "\(String(describing: vehicle))")
            let db = fixture.database
            let rescue = ObjectID()
            let now = BSONDate.now()
            try await db.collection(.rescueAssignments).insertOne([
                "_id": .objectID(ObjectID()), "rescueId": .objectID(rescue), "driverId": .objectID(driver.profile),
                "riderId": .objectID(ObjectID()), "status": "cancelled",
                "rejectionReason": "Left the spare at the curb",
                "locationHistory": [["coordinates": [-104.98, 39.75], "timestamp": .date(now)]],
                "createdAt": .date(now),
            ])
            try await db.collection(.payments).insertOne([
                "_id": .objectID(ObjectID()), "rescueId": .objectID(rescue), "driverId": .objectID(driver.profile),
                "riderId": .objectID(ObjectID()), "amount": 4200, "status": "succeeded", "createdAt": .date(now),
            ])

            let environment = [
                "MONGODB_URI": try TestDatabase.uri(), "SUPPORTCARR_DB": db.name, "SUPPORTCARR_ENV": "development",
                "PATH": "/usr/bin:/bin",
            ]
            let erased = try await UserDataRightsHTTPTests.run(
                ["gdpr", "erase", "--user-id", driver.user.hex], environment)
            #expect(erased.status == 0, "\(erased.stderr)")
            #expect(erased.stdout.contains("erased"))
            let missing = try await UserDataRightsHTTPTests.run(
                ["gdpr", "erase", "--user-id", ObjectID().hex], environment)
            #expect(missing.status != 0)

            for name in try await db.listCollectionNames() {
                for document in try await db.collection(name).find() {
                    let text = document.relaxedExtendedJSON
                    for value in Self.personal { #expect(!text.contains(value), "\(name) holds \(value)") }
                    guard let collection = Collections(rawValue: name) else { continue }
                    for field in EncryptedField.of(collection) {
                        guard let opened = People.open(document, collection, field.field) else { continue }
                        for value in Self.personal { #expect(!opened.contains(value), "\(name).\(field.field)") }
                    }
                }
            }
            let profile = try await fixture.stored(.driverProfiles, driver.profile)
            #expect(People.open(profile, .driverProfiles, "name") == "Anonymous User")
            #expect(profile["bankDetails"] == nil && profile["vehicleInsuranceNumber"] == nil)
            #expect(try await db.collection(.vehicles).countDocuments(["driverId": .objectID(driver.profile)]) == 0)
            #expect(try await db.collection(.payments).countDocuments(["driverId": .objectID(driver.profile)]) == 1)
            let audit = try #require(
                try await db.collection(.auditLogs).findOne([
                    "action": "user.erase", "entityId": .objectID(driver.user),
                ]))
            #expect(audit["userId"] == .null)
        }
    }
}
