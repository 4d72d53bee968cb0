import DataModel
import Foundation
import GraphQLEngine
import MongoStore
import Security
import Testing

/// GDPR export and erasure: through GraphQL (`exportUserData`, `eraseUser`)
/// and the CLI (`supportcarr gdpr export`, `gdpr erase`), then a scan of
/// every collection for anything personal of the user left.
@Suite("GDPR export and erasure", .serialized)
struct UserDataRightsHTTPTests {
    static let personal = [
        "Jordan Q. Public", "jordan.public@example.org", "+14155550777", "4155550777", "12 Secret Lane",
        "Seat post snapped near the bakery", "Great rider, lives at 12 Secret Lane",
    ]

    /// A rider with a name, email, phone, saved place, payment method, a
    /// rescue with free text, a rating comment, a notification and a text
    /// message to its phone: data in most collections.
    static func richRider(_ fixture: GatewayFixture) async throws -> (user: ObjectID, key: String, profile: ObjectID) {
        let rider = try await fixture.rider()
        let updated = try await fixture.send(
            """
            mutation { updateRiderProfile(input: {name: "Jordan Q. Public", email: "jordan.public@example.org",
              phoneNumber: "+14155550777", savedLocations: [{name: "Home", address: "12 Secret Lane",
              location: {lng: -122.41, lat: 37.77}}]}) { id } }
            """, as: rider.key)
        #expect(updated?["errors"] == nil, "\(String(describing: updated))")
        let method = try await fixture.send(
            #"mutation { addPaymentMethod(input: {stripePaymentMethodId: "pm_jordan", type: BANK_ACCOUNT}) { id } }"#,
            as: rider.key)
        #expect(method?["errors"] == nil, "\(String(describing: method))")
        let db = fixture.database
        let rescue = ObjectID()
        let now = BSONDate.now()
        try await db.collection(.rescueRequests).insertOne([
            "_id": .objectID(rescue), "riderId": .objectID(rider.profile), "status": "completed", "type": "breakdown",
            "pickupLocation": ["type": "Point", "coordinates": [-122.41, 37.77], "address": "12 Secret Lane"],
            "description": "Seat post snapped near the bakery", "driverId": .null, "requestedAt": .date(now),
            "createdAt": .date(now), "updatedAt": .date(now),
        ])
        try await db.collection(.ratings).insertOne([
            "_id": .objectID(ObjectID()), "rescueId": .objectID(rescue), "fromUserId": .objectID(ObjectID()),
            "toUserId": .objectID(rider.user), "type": "driver_to_rider", "rating": 5,
            "comment": "Great rider, lives at 12 Secret Lane", "isAnonymous": false, "createdAt": .date(now),
        ])
        try await db.collection(.notifications).insertOne([
            "_id": .objectID(ObjectID()), "userId": .objectID(rider.user), "type": "rescue", "channel": "sms",
            "title": "Hi Jordan Q. Public", "body": "Your driver is near 12 Secret Lane", "read": false,
            "createdAt": .date(now),
        ])
        try await db.collection(.twilioEventLogs).insertOne([
            "_id": .objectID(ObjectID()), "messageSid": "SM-jordan", "type": "sms", "to": "+14155550777",
            "from": "+18885550100", "body": "Jordan Q. Public, your driver is near", "status": "delivered",
            "createdAt": .date(now),
        ])
        return rider
    }

    static let export = "query($id: ObjectID!) { exportUserData(userId: $id) }"
    static let erase = "mutation($id: ObjectID!) { eraseUser(userId: $id) }"

    @Test("the user and an admin export everything decrypted, audited; another rider may not")
    func exportThroughGraphQL() async throws {
        try await GatewayFixture.withPeople { fixture in
            let rider = try await Self.richRider(fixture)
            let stranger = try await fixture.rider()
            let own = try await fixture.send(Self.export, #"{"id": "\#(rider.user.hex)"}"#, as: rider.key)
            let data = try #require(People.data(own, "exportUserData"))
            let text = data.jsonString
            for value in [
                "Jordan Q. Public", "jordan.public@example.org", "+14155550777", "12 Secret Lane", "pm_jordan",
            ] {
                #expect(text.contains(value), "\(value)")
            }
            #expect(data["collections"]?["rescuerequests"]?.listCount == 1)
            #expect(data["collections"]?["twilioeventlogs"]?.listCount == 1)
            // The hashes are keys to the data, not data: left out (audit entries still name the fields).
            #expect(!text.contains(try BlindIndex.development.emailHash("jordan.public@example.org")))
            #expect(!text.contains(try BlindIndex.development.phoneNumberHash("+14155550777")))
            let byAdmin = try await fixture.send(Self.export, #"{"id": "\#(rider.user.hex)"}"#, as: fixture.apiKey)
            #expect(People.data(byAdmin, "exportUserData")?["userId"] == .string(rider.user.hex))
            let refused = try await fixture.send(Self.export, #"{"id": "\#(rider.user.hex)"}"#, as: stranger.key)
            #expect(People.error(refused).code == "FORBIDDEN")
            let audits = try await fixture.database.collection(.auditLogs).countDocuments([
                "action": "user.export", "entityId": .objectID(rider.user),
            ])
            #expect(audits == 2)
        }
    }

    @Test("the CLI exports to a file; erasure leaves nothing personal of the user in any collection, twice over")
    func exportAndEraseThroughTheCLIAndGraphQL() async throws {
        try await GatewayFixture.withPeople { fixture in
            let rider = try await Self.richRider(fixture)
            let bystander = try await Self.bystander(fixture)
            let environment = [
                "MONGODB_URI": try TestDatabase.uri(), "SUPPORTCARR_DB": fixture.database.name,
                "SUPPORTCARR_ENV": "development", "PATH": "/usr/bin:/bin",
            ]
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(rider.user.hex).json")
            defer { try? FileManager.default.removeItem(at: out) }
            let exported = try await Self.run(
                ["gdpr", "export", "--user-id", rider.user.hex, "--out", out.path], environment)
            #expect(exported.status == 0, "\(exported.stderr)")
            let file = try String(contentsOf: out, encoding: .utf8)
            #expect(file.contains("Jordan Q. Public") && file.contains("+14155550777"))
            let bad = try await Self.run(["gdpr", "export", "--user-id", "nope"], environment)
            #expect(bad.status != 0)

            // A support key may not erase; an admin may.
            let support = try await fixture.user(.support)
            let refused = try await fixture.send(Self.erase, #"{"id": "\#(rider.user.hex)"}"#, as: support.key)
            #expect(People.error(refused).code == "FORBIDDEN")
            let erased = try await fixture.send(Self.erase, #"{"id": "\#(rider.user.hex)"}"#, as: fixture.apiKey)
            #expect(People.data(erased, "eraseUser") == .bool(true))
            // Its keys are revoked (gateways stop taking them within the key cache's 5 s).
            let active = try await fixture.database.collection(.apiKeys).countDocuments([
                "userId": .objectID(rider.user), "isActive": true,
            ])
            #expect(active == 0)

            try await Self.expectNothingPersonalLeft(of: rider, besides: bystander, in: fixture)

            // Idempotent: again through GraphQL and through the CLI, nothing more is written.
            let again = try await fixture.send(Self.erase, #"{"id": "\#(rider.user.hex)"}"#, as: fixture.apiKey)
            #expect(People.data(again, "eraseUser") == .bool(true))
            let cli = try await Self.run(["gdpr", "erase", "--user-id", rider.user.hex], environment)
            #expect(cli.status == 0, "\(cli.stderr)")
            #expect(cli.stdout.contains("nothing written"))
            let erasures = try await fixture.database.collection(.auditLogs).countDocuments([
                "action": "user.erase", "entityId": .objectID(rider.user),
            ])
            #expect(erasures == 1)
            try await Self.expectNothingPersonalLeft(of: rider, besides: bystander, in: fixture)
            // Kept for retention: the rescue, anonymised.
            #expect(
                try await fixture.database.collection(.rescueRequests).countDocuments([
                    "riderId": .objectID(rider.profile)
                ]) == 1)
        }
    }

    /// Another rider whose data must survive the erasure untouched.
    static func bystander(_ fixture: GatewayFixture) async throws -> ObjectID {
        let other = try await fixture.rider()
        let updated = try await fixture.send(
            #"mutation { updateRiderProfile(input: {name: "Bea Bystander", email: "bea@example.org"}) { id } }"#,
            as: other.key)
        #expect(updated?["errors"] == nil)
        return other.profile
    }

    /// Every document of every collection: no personal value of the user in
    /// clear, no encrypted field that opens to one, none of its hashes; the
    /// bystander's name still opens.
    static func expectNothingPersonalLeft(
        of rider: (user: ObjectID, key: String, profile: ObjectID), besides bystander: ObjectID,
        in fixture: GatewayFixture
    ) async throws {
        let db = fixture.database
        let hashes = [
            try BlindIndex.development.phoneNumberHash("+14155550777"),
            try BlindIndex.development.emailHash("jordan.public@example.org"),
        ]
        var scanned = 0
        for name in try await db.listCollectionNames() {
            for document in try await db.collection(name).find() {
                scanned += 1
                let text = document.relaxedExtendedJSON
                for value in Self.personal + hashes {
                    #expect(!text.contains(value), "\(name) holds \(value)")
                }
                guard let collection = Collections(rawValue: name) else { continue }
                for field in EncryptedField.of(collection) {
                    guard let opened = People.open(document, collection, field.field) else { continue }
                    for value in Self.personal {
                        #expect(!opened.contains(value), "\(name).\(field.field) opens to \(value)")
                    }
                }
            }
        }
        #expect(scanned > 10)
        let account = try await fixture.stored(.users, rider.user)
        #expect(People.open(account, .users, "phoneNumber") == "ANONYMIZED")
        #expect(account["hashedPassword"] == "DELETED")
        let profile = try await fixture.stored(.riderProfiles, rider.profile)
        #expect(People.open(profile, .riderProfiles, "name") == "Anonymous User")
        #expect(People.open(profile, .riderProfiles, "email") == "deleted@example.com")
        let kept = try await fixture.stored(.riderProfiles, bystander)
        #expect(People.open(kept, .riderProfiles, "name") == "Bea Bystander")
    }

    /// Runs the `supportcarr` binary; its exit status and output.
    static func run(_ arguments: [String], _ environment: [String: String]) async throws -> (
        status: Int32?, stdout: String, stderr: String
    ) {
        let process = try Subprocess.start(Subprocess.supportcarr, arguments, environment: environment)
        defer { process.removeFiles() }
        let status = try await process.exitStatus(within: .seconds(120))
        return (status, process.stdout, process.stderr)
    }
}
