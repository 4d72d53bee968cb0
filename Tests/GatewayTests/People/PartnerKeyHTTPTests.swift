import DataModel
import Foundation
import GraphQLEngine
import MongoStore
import Security
import Testing

/// A partner key: it registers riders and requests rescues for them, and sees
/// those and nothing else (the `partnerId` tenant field and its row rules).
@Suite("Partner keys over HTTP", .serialized)
struct PartnerKeyHTTPTests {
    static let register = """
        mutation($input: RegisterRiderInput!) { registerRider(input: $input) { id name email user { phoneNumber role } } }
        """

    static func rescue(for rider: String) -> String {
        """
        mutation { createRescueRequest(input: {riderId: "\(rider)",
          pickup: {lng: -104.9903, lat: 39.7392, address: "1600 Glenarm Pl"}, type: FLAT_TIRE,
          description: "Flat", bikeDetails: {make: "Trek"}}) { id status riderId } }
        """
    }

    static let rescues = "{ rescueRequests(first: 50) { edges { node { id riderId } } } }"

    @Test("a partner registers a rider, requests its rescue, and sees only what it created")
    func partnerSeesOnlyItsOwn() async throws {
        try await GatewayFixture.withPeople { fixture in
            let partner = try await fixture.user(.partner)
            let otherPartner = try await fixture.user(.partner)
            let rider = try await fixture.rider()

            let registered = try await fixture.send(
                Self.register,
                #"{"input": {"name": "Casey Shop", "phoneNumber": "+13035550142", "email": "casey@shop.example"}}"#,
                as: partner.key)
            let profile = People.data(registered, "registerRider")
            #expect(profile?["name"] == "Casey Shop")
            #expect(profile?["user"]?["phoneNumber"] == "+13035550142")
            #expect(profile?["user"]?["role"] == "RIDER")
            let riderId = try #require(profile?["id"]?.stringValueForTest)
            let stored = try await fixture.stored(.riderProfiles, try #require(ObjectID(riderId)))
            #expect(stored["partnerId"] == .objectID(partner.id))
            #expect(People.open(stored, .riderProfiles, "email") == "casey@shop.example")
            let again = try await fixture.send(
                Self.register, #"{"input": {"name": "Dup", "phoneNumber": "+1 303 555 0142"}}"#, as: partner.key)
            #expect(People.error(again).code == "BAD_USER_INPUT")  // not E.164 as written
            let duplicate = try await fixture.send(
                Self.register, #"{"input": {"name": "Dup", "phoneNumber": "+13035550142"}}"#, as: otherPartner.key)
            #expect(People.error(duplicate).code == "CONFLICT")

            let created = try await fixture.send(Self.rescue(for: riderId), as: partner.key)
            let rescueId = try #require(People.data(created, "createRescueRequest")?["id"]?.stringValueForTest)
            let rescue = try await fixture.stored(.rescueRequests, try #require(ObjectID(rescueId)))
            #expect(rescue["partnerId"] == .objectID(partner.id))
            // A rider it did not register is not one it may request for.
            let foreign = try await fixture.send(Self.rescue(for: rider.profile.hex), as: partner.key)
            #expect(People.error(foreign).code == "NOT_FOUND")
            // The rider's own rescue exists, and the partner does not see it.
            let own = try await fixture.send(
                """
                mutation { createRescueRequest(input: {pickup: {lng: -104.99, lat: 39.74, address: "x"}, type: OTHER,
                  description: "mine", bikeDetails: {}}) { id } }
                """, as: rider.key)
            #expect(own?["errors"] == nil, "\(String(describing: own))")

            let seen = try await fixture.send(Self.rescues, as: partner.key)
            let ids = People.data(seen, "rescueRequests")?["edges"].map { edges -> [String] in
                guard case .list(let items) = edges else { return [] }
                return items.compactMap { $0["node"]?["id"]?.stringValueForTest }
            }
            #expect(ids == [rescueId])
            let otherSees = try await fixture.send(Self.rescues, as: otherPartner.key)
            #expect(People.data(otherSees, "rescueRequests")?["edges"]?.listCount == 0)
            let hidden = try await fixture.send(
                #"query($id: ObjectID!) { riderProfile(id: $id) { id } }"#, #"{"id": "\#(rider.profile.hex)"}"#,
                as: partner.key)
            #expect(People.data(hidden, "riderProfile") == .null)
            let foreignRider = try await fixture.send(
                #"query($id: ObjectID!) { riderProfile(id: $id) { id name } }"#, #"{"id": "\#(riderId)"}"#,
                as: otherPartner.key)
            #expect(People.data(foreignRider, "riderProfile") == .null)
            // No other personal data: drivers and payments are not its to read at all.
            let payments = try await fixture.send("{ payments(first: 5) { edges { node { id } } } }", as: partner.key)
            #expect(People.error(payments).code == "FORBIDDEN")
            let drivers = try await fixture.send(
                "{ driverProfiles(first: 5) { edges { node { id } } } }", as: partner.key)
            #expect(People.error(drivers).code == "FORBIDDEN")
            // Nor may it change a rider's profile or erase anyone.
            let change = try await fixture.send(
                #"mutation { updateRiderProfile(input: {riderId: "\#(riderId)", name: "X"}) { id } }"#, as: partner.key)
            #expect(People.error(change).code == "FORBIDDEN")
        }
    }

    @Test("supportcarr apikey create --role partner makes a partner user and key")
    func theCLIMakesPartnerKeys() async throws {
        try await GatewayFixture.withPeople { fixture in
            let environment = [
                "MONGODB_URI": try TestDatabase.uri(), "SUPPORTCARR_DB": fixture.database.name,
                "SUPPORTCARR_ENV": "development", "PATH": "/usr/bin:/bin",
            ]
            let made = try await UserDataRightsHTTPTests.run(
                ["apikey", "create", "--role", "partner", "--name", "partner: bike shop"], environment)
            #expect(made.status == 0, "\(made.stderr)")
            let key = try #require(made.stdout.split(separator: "\n").last.map(String.init))
            #expect(key.hasPrefix("sk_"))
            let users = try await fixture.database.collection(.users).find(["role": "partner"])
            #expect(users.count == 1)
            let keys = try await fixture.database.collection(.apiKeys).find(["name": "partner: bike shop"])
            guard case .array(let stored)? = keys.first?["permissions"] else { throw CancellationError() }
            let names = Set(stored.compactMap { if case .string(let name) = $0 { name } else { nil } })
            #expect(names == Set(Role.partner.maximalPermissions.names))
        }
    }
}
