import DataModel
import GraphQLEngine
import MongoStore
import Security
import Testing

/// `updateRiderProfile` and `updateDriverProfile` over HTTP: what is stored
/// (sealed under the newest key, bound to its document, hashes beside it),
/// what a unique hash refuses, and who may change what.
@Suite("Profile writes over HTTP", .serialized)
struct ProfileWritesHTTPTests {
    static let updateRider = """
        mutation($input: UpdateRiderProfileInput!) {
          updateRiderProfile(input: $input) { id name email preferences { language notifications { sms } }
            savedLocations { name address } }
        }
        """

    static let updateDriver = """
        mutation($input: UpdateDriverProfileInput!) {
          updateDriverProfile(input: $input) { id name licenseNumber }
        }
        """

    @Test("a rider's new name, email and phone are stored sealed and bound, with their hashes, and audited by name")
    func aRiderChangesItsProfile() async throws {
        try await GatewayFixture.withPeople { fixture in
            let rider = try await fixture.rider()
            let response = try await fixture.send(
                Self.updateRider,
                #"""
                {"input": {"name": "Dana Rivera", "email": "Dana@Example.com", "phoneNumber": "+14155550123",
                  "preferences": {"language": "es", "sms": false},
                  "savedLocations": [{"name": "Home", "address": "1 Main St", "location": {"lng": -122.4, "lat": 37.7}}]}}
                """#, as: rider.key)
            let profile = People.data(response, "updateRiderProfile")
            #expect(profile?["name"] == "Dana Rivera")
            #expect(profile?["email"] == "Dana@Example.com")
            #expect(profile?["preferences"]?["language"] == "es")
            #expect(profile?["preferences"]?["notifications"]?["sms"] == .bool(false))
            #expect(profile?["savedLocations"]?.listCount == 1)

            let stored = try await fixture.stored(.riderProfiles, rider.profile)
            #expect(stored["name"] != "Dana Rivera")
            #expect(People.open(stored, .riderProfiles, "name") == "Dana Rivera")
            #expect(People.open(stored, .riderProfiles, "email") == "Dana@Example.com")
            #expect(People.isUnderNewestKey(stored, "name") && People.isUnderNewestKey(stored, "email"))
            #expect(stored["emailHash"] == .string(try BlindIndex.development.emailHash("dana@example.com")))
            // Bound to its document: the same ciphertext does not open as another rider's.
            if case .string(let sealed)? = stored["name"] {
                let elsewhere = FieldBinding(collection: "riderprofiles", field: "name", documentId: ObjectID().hex)
                #expect(throws: FieldCipherError.self) { try People.cipher.decrypt(sealed, for: elsewhere) }
            }
            let account = try await fixture.stored(.users, rider.user)
            #expect(People.open(account, .users, "phoneNumber") == "+14155550123")
            #expect(account["phoneNumberHash"] == .string(try BlindIndex.development.phoneNumberHash("+14155550123")))
            #expect(account["phoneVerified"] == .bool(false))  // the new number is not verified yet

            let audit = try #require(
                try await fixture.database.collection(.auditLogs).findOne([
                    "action": "rider.update", "entityId": .objectID(rider.profile),
                ]))
            #expect(audit["userId"] == .objectID(rider.user))
            let text = audit.relaxedExtendedJSON
            #expect(text.contains("emailHash") && text.contains("phoneNumber"))
            #expect(!text.contains("Dana") && !text.contains("5550123") && !text.contains("Main St"))

            // Removing the email removes its hash too.
            let removed = try await fixture.send(Self.updateRider, #"{"input": {"email": null}}"#, as: rider.key)
            #expect(People.data(removed, "updateRiderProfile")?["email"] == .null)
            let after = try await fixture.stored(.riderProfiles, rider.profile)
            #expect(after["email"] == nil && after["emailHash"] == nil)
        }
    }

    @Test("an email or phone number another account holds is a CONFLICT from the unique hash, and nothing changes")
    func duplicatesConflict() async throws {
        try await GatewayFixture.withPeople { fixture in
            let first = try await fixture.rider()
            let second = try await fixture.rider()
            let taken = try await fixture.send(
                Self.updateRider, #"{"input": {"email": "sam@example.com", "phoneNumber": "+14155550999"}}"#,
                as: first.key)
            #expect(People.data(taken, "updateRiderProfile")?["email"] == "sam@example.com")

            let sameEmail = try await fixture.send(
                Self.updateRider, #"{"input": {"name": "Other", "email": " SAM@example.com"}}"#, as: second.key)
            #expect(People.error(sameEmail).code == "CONFLICT")
            #expect(People.error(sameEmail).argument == "input.email")
            let samePhone = try await fixture.send(
                Self.updateRider, #"{"input": {"name": "Other", "phoneNumber": "+14155550999"}}"#, as: second.key)
            #expect(People.error(samePhone).code == "CONFLICT")
            #expect(People.error(samePhone).argument == "input.phoneNumber")
            // The transaction took nothing of either attempt: the name stayed unset.
            let stored = try await fixture.stored(.riderProfiles, second.profile)
            #expect(stored["name"] == nil && stored["emailHash"] == nil)
            let account = try await fixture.stored(.users, second.user)
            #expect(account["phoneNumberHash"] == nil)
            let audits = try await fixture.database.collection(.auditLogs).countDocuments([
                "action": "rider.update", "entityId": .objectID(second.profile),
            ])
            #expect(audits == 0)
        }
    }

    @Test("bad input is BAD_USER_INPUT naming the argument; another rider's profile is NOT_FOUND; a driver may not")
    func refusals() async throws {
        try await GatewayFixture.withPeople { fixture in
            let rider = try await fixture.rider()
            let other = try await fixture.rider()
            let driver = try await fixture.driver()
            for (input, argument) in [
                (#"{"email": "not-an-email"}"#, "input.email"), (#"{"phoneNumber": "415 555"}"#, "input.phoneNumber"),
                (#"{"name": "   "}"#, "input.name"),
                (#"{"preferences": {"language": "English"}}"#, "input.preferences.language"),
                (
                    #"{"savedLocations": [{"name": "Home", "address": "x", "location": {"lng": 200, "lat": 0}}]}"#,
                    "input.savedLocations.0.location.lng"
                ),
            ] {
                let refused = try await fixture.send(Self.updateRider, #"{"input": \#(input)}"#, as: rider.key)
                #expect(People.error(refused).code == "BAD_USER_INPUT", "\(input)")
                #expect(People.error(refused).argument == argument)
            }
            let another = try await fixture.send(
                Self.updateRider, #"{"input": {"riderId": "\#(other.profile.hex)", "name": "X"}}"#, as: rider.key)
            #expect(People.error(another).code == "NOT_FOUND")
            let byDriver = try await fixture.send(
                Self.updateRider, #"{"input": {"riderId": "\#(rider.profile.hex)", "name": "X"}}"#, as: driver.key)
            #expect(People.error(byDriver).code == "FORBIDDEN")
            let untouched = try await fixture.stored(.riderProfiles, other.profile)
            #expect(untouched["name"] == nil)
        }
    }

    @Test("a driver seals its license and bank details; support may change its name but not its bank details")
    func driverProfiles() async throws {
        try await GatewayFixture.withPeople { fixture in
            let driver = try await fixture.driver()
            let support = try await fixture.user(.support)
            let own = try await fixture.send(
                Self.updateDriver,
                #"""
                {"input": {"name": "Alex Kim", "licenseNumber": "D1234567", "licenseExpiry": "2030-01-31T00:00:00Z",
                  "vehicleInsuranceNumber": "POL-99", "phoneNumber": "+13035550100",
                  "bankDetails": {"accountNumber": "000123456789", "routingNumber": "110000000", "accountHolderName": "Alex Kim"}}}
                """#, as: driver.key)
            #expect(People.data(own, "updateDriverProfile")?["licenseNumber"] == "D1234567")
            let stored = try await fixture.stored(.driverProfiles, driver.profile)
            #expect(People.open(stored, .driverProfiles, "licenseNumber") == "D1234567")
            #expect(People.open(stored, .driverProfiles, "vehicleInsuranceNumber") == "POL-99")
            let bank = try #require(People.open(stored, .driverProfiles, "bankDetails"))
            #expect(bank.contains("\"accountNumber\":\"000123456789\""))
            #expect(!stored.relaxedExtendedJSON.contains("000123456789"))
            #expect(stored["licenseExpiry"] == .date(BSONDate(millisecondsSinceEpoch: 1_896_048_000_000)))

            let staffName = try await fixture.send(
                Self.updateDriver, #"{"input": {"driverId": "\#(driver.profile.hex)", "name": "Alex K."}}"#,
                as: support.key)
            #expect(People.data(staffName, "updateDriverProfile")?["name"] == "Alex K.")
            let staffBank = try await fixture.send(
                Self.updateDriver,
                #"""
                {"input": {"driverId": "\#(driver.profile.hex)",
                  "bankDetails": {"accountNumber": "999999999", "routingNumber": "110000000", "accountHolderName": "Eve"}}}
                """#, as: support.key)
            #expect(People.error(staffBank).code == "FORBIDDEN")
            let after = try await fixture.stored(.driverProfiles, driver.profile)
            #expect(People.open(after, .driverProfiles, "bankDetails") == bank)
            let withoutId = try await fixture.send(Self.updateDriver, #"{"input": {"name": "Y"}}"#, as: support.key)
            #expect(People.error(withoutId).argument == "input.driverId")
        }
    }
}
