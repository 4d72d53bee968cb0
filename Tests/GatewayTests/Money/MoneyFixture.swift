import DataModel
import Foundation
import Gateway
import GraphQLEngine
import HummingbirdTesting
import Logging
import MongoStore
import NIOCore
import Security
import SupportCarrData
import Testing

extension GatewayConfiguration {
    /// A free port, and a minute per operation: what is under test is the
    /// writes, not their speed, and a machine loaded by the rest of the suite
    /// (or other builds) can take a rating past the default 10 s.
    static var money: GatewayConfiguration {
        var configuration = GatewayConfiguration(port: 0)
        configuration.limits.executionTimeout = .seconds(60)
        return configuration
    }
}

/// What the rating, refund and webhook tests share: a rider and a driver
/// with profiles and keys, completed rescues between them, payments, and a
/// gateway with the webhook routes wired to `SupportCarrData`'s recorders.
struct MoneyParties: Sendable {
    let rider: (id: ObjectID, key: String)
    let driver: (id: ObjectID, key: String)
    let riderProfile: ObjectID
    let driverProfile: ObjectID

    /// A rider and a driver, each with a user, a key and a profile.
    static func make(in fixture: GatewayFixture, driverFields: BSONDocument = [:]) async throws -> MoneyParties {
        let rider = try await fixture.user(.rider)
        let driver = try await fixture.user(.driver)
        let (riderProfile, driverProfile) = (ObjectID(), ObjectID())
        let now = BSONDate.now()
        try await fixture.database.collection(.riderProfiles).insertOne([
            "_id": .objectID(riderProfile), "userId": .objectID(rider.id), "savedLocations": [],
            "totalRescues": 0, "averageRating": 0.0, "createdAt": .date(now), "updatedAt": .date(now),
        ])
        var profile: BSONDocument = [
            "_id": .objectID(driverProfile), "userId": .objectID(driver.id), "licenseExpiry": .date(now),
            "isOnline": false, "isAvailable": false, "status": "approved", "rating": 0.0, "ratingCount": 0,
            "completedRescues": 0, "totalEarnings": 0, "createdAt": .date(now), "updatedAt": .date(now),
        ]
        for field in driverFields { profile[field.key] = field.value }
        try await fixture.database.collection(.driverProfiles).insertOne(profile)
        return MoneyParties(
            rider: rider, driver: driver, riderProfile: riderProfile, driverProfile: driverProfile)
    }

    /// A rescue between the two in `status` (stored spelling).
    func rescue(in database: MongoDatabase, status: String = "completed") async throws -> ObjectID {
        let id = ObjectID()
        let now = BSONDate.now()
        try await database.collection(.rescueRequests).insertOne([
            "_id": .objectID(id), "riderId": .objectID(riderProfile), "driverId": .objectID(driverProfile),
            "status": .string(status), "type": "flat_tire",
            "pickupLocation": ["type": "Point", "coordinates": [-104.99, 39.74], "address": "Somewhere"],
            "description": "Flat", "photos": [], "bikeDetails": [:], "priority": "normal", "estimatedPrice": 4000,
            "requestedAt": .date(now), "completedAt": .date(now), "createdAt": .date(now), "updatedAt": .date(now),
        ])
        return id
    }

    /// A payment for a new completed rescue between the two.
    func payment(
        in database: MongoDatabase, amount: Int64 = 5000, status: String = "succeeded", intent: String? = nil,
        processedAt: BSONDate? = nil
    ) async throws -> (payment: ObjectID, rescue: ObjectID) {
        let rescue = try await rescue(in: database)
        let id = ObjectID()
        let now = BSONDate.now()
        let fee = (amount * 20 + 50) / 100
        var document: BSONDocument = [
            "_id": .objectID(id), "rescueId": .objectID(rescue), "riderId": .objectID(riderProfile),
            "driverId": .objectID(driverProfile), "amount": .int64(amount), "driverPayout": .int64(amount - fee),
            "platformFee": .int64(fee), "status": .string(status),
            "stripePaymentIntentId": .string(intent ?? "pi_test_\(id.hex)"),
            "breakdown": ["basePrice": .int64(amount), "distanceFee": 0, "timeFee": 0, "tax": 0],
            "createdAt": .date(now), "updatedAt": .date(now),
        ]
        if let processedAt { document["processedAt"] = .date(processedAt) }
        try await database.collection(.payments).insertOne(document)
        return (id, rescue)
    }
}
