import DataModel
import Enforcement
import Gateway
import GraphQLEngine
import HummingbirdTesting
import MongoStore
import Security
import SupportCarrData
import Testing

/// What the people tests add to `GatewayFixture`: riders and drivers with
/// profiles and keys, the development keys' cipher and blind index to check
/// what was stored, and errors read out of a response.
extension GatewayFixture {
    /// The real schema over a migrated database (the unique blind indexes in place).
    static func withPeople<R>(
        security: FieldSecurity = .development, _ body: (GatewayFixture) async throws -> R
    ) async throws -> R {
        var configuration = GatewayConfiguration(port: 0)
        configuration.limits.executionTimeout = .seconds(60)
        return try await GatewayFixture.with(configuration: configuration, schema: try SecuritySchema.make(security)) {
            fixture in
            _ = try await Migrator().migrate(fixture.database)
            return try await body(fixture)
        }
    }

    /// A new rider user with a key and a profile.
    func rider() async throws -> (user: ObjectID, key: String, profile: ObjectID) {
        let user = try await self.user(.rider)
        let profile = ObjectID()
        let now = BSONDate.now()
        try await database.collection(.riderProfiles).insertOne([
            "_id": .objectID(profile), "userId": .objectID(user.id), "savedLocations": [],
            "preferences": ["notifications": ["sms": true, "push": true, "email": false], "language": "en"],
            "totalRescues": 0, "averageRating": 0.0, "createdAt": .date(now), "updatedAt": .date(now),
        ])
        return (user.id, user.key, profile)
    }

    /// A new driver user with a key and an approved profile.
    func driver() async throws -> (user: ObjectID, key: String, profile: ObjectID) {
        let user = try await self.user(.driver)
        let profile = ObjectID()
        let now = BSONDate.now()
        try await database.collection(.driverProfiles).insertOne([
            "_id": .objectID(profile), "userId": .objectID(user.id), "licenseExpiry": .date(now),
            "location": ["type": "Point", "coordinates": [-104.99, 39.74]], "lastLocationUpdate": .date(now),
            "isOnline": false, "isAvailable": false, "status": "approved", "rating": 0.0, "ratingCount": 0,
            "completedRescues": 0, "totalEarnings": 0, "createdAt": .date(now), "updatedAt": .date(now),
        ])
        return (user.id, user.key, profile)
    }

    /// `query` with `variables` as `key`'s holder, on a live server.
    func send(_ query: String, _ variables: String? = nil, as key: String) async throws -> JSONValue? {
        try await live { client in try await self.post(query, variables: variables, key: key, client: client) }
    }

    /// One stored document.
    func stored(_ collection: Collections, _ id: ObjectID) async throws -> BSONDocument {
        try #require(try await database.collection(collection).findOne(["_id": .objectID(id)]))
    }
}

enum People {
    static let cipher = FieldCipher(keyRing: .development)

    /// The plaintext of `collection.field` as stored in `document`, opened
    /// under its binding; nil when it is absent or does not open.
    static func open(_ document: BSONDocument, _ collection: Collections, _ field: String) -> String? {
        guard case .string(let stored)? = document[field], case .objectID(let id)? = document["_id"] else {
            return nil
        }
        return try? cipher.decrypt(
            stored, for: FieldBinding(collection: collection.name, field: field, documentId: id.hex))
    }

    /// Whether the stored value is under the ring's newest key.
    static func isUnderNewestKey(_ document: BSONDocument, _ field: String) -> Bool {
        guard case .string(let stored)? = document[field] else { return false }
        return !cipher.needsRotation(stored)
    }

    /// The first error's code and `extensions.argument`.
    static func error(_ response: JSONValue?) -> (code: String?, argument: String?) {
        guard case .list(let errors)? = response?["errors"], let first = errors.first else { return (nil, nil) }
        return (
            first["extensions"]?["code"]?.stringValueForTest, first["extensions"]?["argument"]?.stringValueForTest
        )
    }

    /// `data.field` of a response that must have no errors.
    static func data(_ response: JSONValue?, _ field: String) -> JSONValue? {
        #expect(response?["errors"] == nil, "\(String(describing: response))")
        return response?["data"]?[field]
    }
}
