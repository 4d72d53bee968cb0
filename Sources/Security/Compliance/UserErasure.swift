public import DataModel
public import MongoStore

/// The GDPR/CCPA erasure of one user (`docs/DATA-MODEL.md`, "Compliance"):
/// the company model's `anonymizeUser` (phone number an encryption of
/// `ANONYMIZED`, password `DELETED`, names and emails replaced), carried to
/// every collection that stores something about the user, in one transaction
/// with its audit entry.
///
/// Kept for the retention the data model requires: the account and profiles
/// (anonymised), rescues, assignments, status history, payments, payouts,
/// ratings and driver statistics, with their free text (descriptions,
/// addresses, reasons, comments) and the driver's trail cleared. Removed: the
/// blind-index hashes (a keyed hash still finds the person), saved places,
/// payment methods (card details), vehicles (plate and VIN) and
/// notifications. The user's API keys are revoked. Replacement values are
/// sealed under the newest key and bound to their document, like any other.
///
/// Idempotent: an account already erased (`erasedAt`) is left as it is and
/// nothing is written.
public struct UserErasure: Sendable {
    public let database: MongoDatabase
    public let cipher: FieldCipher

    public init(database: MongoDatabase, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// The replacement of every encrypted text: what the data model writes
    /// for a phone number, and for names `Anonymous User`, for emails
    /// `deleted@example.com`.
    static let anonymized = "ANONYMIZED"
    static let anonymousName = "Anonymous User"
    static let deletedEmail = "deleted@example.com"

    /// What an erasure did.
    public enum Outcome: Sendable, Equatable {
        /// No user has the id.
        case noSuchUser
        /// Erased before: nothing written.
        case alreadyErased
        /// Erased now; the collections written.
        case erased([Collections])
    }

    /// Erases `userId`; `audit` is the entry recording it (`RecordedWrite`
    /// without fields, filled in here), inserted in the same transaction.
    public func erase(_ userId: ObjectID, audit: RecordedWrite) async throws -> Outcome {
        try await database.withTransaction { session in
            guard let records = try await UserRecords.find(userId, in: database, session: session) else {
                return .noSuchUser
            }
            if records.account["erasedAt"] != nil { return .alreadyErased }
            let now = audit.at
            var written: [Collections] = [.users]
            func collection(_ collection: Collections) -> MongoCollection { database.collection(collection) }
            func seal(_ text: String, _ collection: Collections, _ field: String, _ id: ObjectID) throws -> BSONValue {
                guard let encrypted = EncryptedField.named(collection, field) else { return .null }
                return .string(try cipher.encrypt(text, for: encrypted.binding(documentId: id)))
            }

            // The account: the number the user signed in with is gone, and so is its hash.
            let phone: String? = {
                guard case .string(let stored)? = records.account["phoneNumber"],
                    let field = EncryptedField.named(.users, "phoneNumber")
                else { return nil }
                return try? cipher.decrypt(stored, for: field.binding(documentId: userId))
            }()
            try await collection(.users).updateOne(
                ["_id": .objectID(userId)],
                [
                    "$set": [
                        "phoneNumber": try seal(Self.anonymized, .users, "phoneNumber", userId),
                        "hashedPassword": "DELETED", "phoneVerified": false, "erasedAt": .date(now),
                        "updatedAt": .date(now),
                    ],
                    "$unset": [
                        "phoneNumberHash": "", "phoneVerificationCode": "", "phoneVerificationExpiry": "",
                        "refreshToken": "",
                    ],
                ], session: session)

            if let rider = records.riderProfileId {
                written.append(.riderProfiles)
                try await collection(.riderProfiles).updateOne(
                    ["_id": .objectID(rider)],
                    [
                        "$set": [
                            "name": try seal(Self.anonymousName, .riderProfiles, "name", rider),
                            "email": try seal(Self.deletedEmail, .riderProfiles, "email", rider),
                            "savedLocations": [], "updatedAt": .date(now),
                        ],
                        "$unset": ["emailHash": "", "stripeCustomerId": ""],
                    ], session: session)
                try await collection(.paymentMethods).deleteMany(["riderId": .objectID(rider)], session: session)
                written.append(.paymentMethods)
            }
            if let driver = records.driverProfileId {
                written += [.driverProfiles, .vehicles]
                try await collection(.driverProfiles).updateOne(
                    ["_id": .objectID(driver)],
                    [
                        "$set": [
                            "name": try seal(Self.anonymousName, .driverProfiles, "name", driver),
                            "email": try seal(Self.deletedEmail, .driverProfiles, "email", driver),
                            "licenseNumber": try seal(Self.anonymized, .driverProfiles, "licenseNumber", driver),
                            "location": ["type": "Point", "coordinates": [0.0, 0.0]], "isOnline": false,
                            "isAvailable": false, "updatedAt": .date(now),
                        ],
                        "$unset": ["vehicleInsuranceNumber": "", "bankDetails": "", "stripeAccountId": ""],
                    ], session: session)
                try await collection(.vehicles).deleteMany(["driverId": .objectID(driver)], session: session)
            }

            // Free text and places in the records kept for retention.
            if let filter = records.filter(for: .rescueRequests) {
                written += [.rescueRequests, .rescueAssignments, .rescueStatusHistories]
                try await collection(.rescueRequests).updateMany(
                    filter,
                    [
                        "$set": [
                            "description": "", "photos": [], "pickupLocation.address": "", "updatedAt": .date(now),
                        ],
                        "$unset": ["cancellationReason": ""],
                    ], session: session)
                try await collection(.rescueRequests).updateMany(
                    filter.and(["dropoffLocation": ["$type": "object"]], oneValueFields: false),
                    ["$set": ["dropoffLocation.address": ""]], session: session)
                try await collection(.rescueStatusHistories).updateMany(
                    filter, ["$unset": ["reason": ""]], session: session)
            }
            if let filter = records.filter(for: .rescueAssignments) {
                try await collection(.rescueAssignments).updateMany(
                    filter,
                    ["$set": ["locationHistory": []], "$unset": ["rejectionReason": "", "driverLocation": ""]],
                    session: session)
            }
            if let filter = records.filter(for: .ratings) {
                written.append(.ratings)
                try await collection(.ratings).updateMany(filter, ["$unset": ["comment": ""]], session: session)
            }
            try await collection(.notifications).deleteMany(["userId": .objectID(userId)], session: session)
            try await collection(.apiKeys).updateMany(
                ["userId": .objectID(userId), "isActive": true],
                ["$set": ["isActive": false, "updatedAt": .date(now)]], session: session)
            written += [.notifications, .apiKeys]
            if let phone {
                written.append(.twilioEventLogs)
                try await collection(.twilioEventLogs).updateMany(
                    ["to": .string(phone)], ["$set": ["to": .string(Self.anonymized), "body": ""]], session: session)
            }
            var entry = audit
            entry.fields = ["phoneNumber", "phoneNumberHash", "hashedPassword", "phoneVerified", "erasedAt"]
            entry.otherCollections = written.filter { $0 != .users }
            try await collection(.auditLogs).insertOne(entry.document, session: session)
            return .erased(written)
        }
    }
}
