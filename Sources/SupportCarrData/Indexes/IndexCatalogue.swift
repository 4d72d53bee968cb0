/// Every index `supportcarr migrate` creates (DESIGN.md "Data"; issue 2
/// "Migrations").
///
/// Sources, in order of precedence:
/// 1. Each collection's **Indexes** list in the seed data model
///    (`supportcarr-v2-data-model.md`, "Collection Schemas").
/// 2. The seed's **Performance-Critical Indexes** (driver matching).
/// 3. Our additions for the collections the seed gives no indexes: the foreign
///    keys the gateway's loaders look up by, and the lookups the API-key and
///    Twilio webhooks need.
/// 4. **TTL** from the seed's retention table, only where the table says the data
///    is deleted (a TTL index deletes; anything archived must stay for the
///    archival job). That is Notification alone (30 days, then "Delete").
///    AuditLog keeps 7 years in archive, RescueRequest 7 years, Payment forever,
///    Rating forever: none of them gets a TTL. AuditLog gets a plain `createdAt`
///    index instead, for the monthly archival job's "older than 30 days" scans.
/// 5. **Blind indexes** instead of unique indexes on encrypted fields. The seed
///    asks for `users.phoneNumber` UNIQUE, `vehicles.plateNumber` UNIQUE and a
///    sparse unique `riderprofiles.email`; those fields hold AES-GCM ciphertexts
///    with a random nonce, so the same phone number never encrypts to the same
///    text twice and a unique index on them would accept every duplicate (and
///    could never serve a lookup). The unique indexes sit on the keyed hashes
///    (`phoneNumberHash`, `plateNumberHash`, `emailHash`) instead.
public enum IndexCatalogue {
    static let day = 86_400

    /// The whole catalogue, grouped by collection in `Collections` order.
    public static let all: [IndexSpec] = users + riderProfiles + driverProfiles + vehicles + rescueRequests
        + rescueAssignments + payments + payouts + ratings + paymentMethods + apiKeys + notifications
        + auditLogs + driverStats + driverAvailabilityLogs + rescueStatusHistories + twilioEventLogs

    /// The catalogue's indexes on one collection.
    public static func indexes(on collection: Collections) -> [IndexSpec] {
        all.filter { $0.collection == collection }
    }

    static let users: [IndexSpec] = [
        IndexSpec(
            .users, [.asc("phoneNumberHash")], unique: true, sparse: true,
            reason: "seed: { phoneNumber: 1 } UNIQUE, on the blind index (phoneNumber is encrypted); sparse so that "
                + "accounts without a phone number (API-key users made by `supportcarr apikey create`) can coexist"),
        IndexSpec(.users, [.asc("role"), .desc("createdAt")], reason: "seed: { role: 1, createdAt: -1 }"),
        IndexSpec(.users, [.asc("refreshToken")], sparse: true, reason: "seed: { refreshToken: 1 } SPARSE"),
    ]

    static let riderProfiles: [IndexSpec] = [
        IndexSpec(.riderProfiles, [.asc("userId")], unique: true, reason: "seed: { userId: 1 } UNIQUE"),
        IndexSpec(
            .riderProfiles, [.asc("stripeCustomerId")], sparse: true, reason: "seed: { stripeCustomerId: 1 } SPARSE"),
        IndexSpec(
            .riderProfiles, [.geo("savedLocations.location")],
            reason: "seed: { 'savedLocations.location': '2dsphere' }"),
        IndexSpec(
            .riderProfiles, [.asc("emailHash")], unique: true, sparse: true,
            reason: "seed schema: email sparse unique, on the blind index (email is encrypted)"),
    ]

    static let driverProfiles: [IndexSpec] = [
        IndexSpec(.driverProfiles, [.asc("userId")], unique: true, reason: "seed: { userId: 1 } UNIQUE"),
        IndexSpec(.driverProfiles, [.geo("location")], reason: "seed: { location: '2dsphere' }"),
        IndexSpec(
            .driverProfiles, [.asc("isOnline"), .asc("isAvailable"), .geo("location")],
            reason: "seed: { isOnline: 1, isAvailable: 1, location: '2dsphere' } (driver matching)"),
        IndexSpec(.driverProfiles, [.asc("status")], reason: "seed: { status: 1 }"),
        IndexSpec(
            .driverProfiles, [.asc("stripeAccountId")], sparse: true, reason: "seed: { stripeAccountId: 1 } SPARSE"),
        IndexSpec(
            .driverProfiles, [.geo("location"), .asc("isOnline"), .asc("isAvailable"), .asc("status")],
            reason: "seed, Performance-Critical 1: driver matching ($near with availability and status)"),
    ]

    static let vehicles: [IndexSpec] = [
        IndexSpec(.vehicles, [.asc("driverId")], reason: "seed: { driverId: 1 }"),
        IndexSpec(
            .vehicles, [.asc("plateNumberHash")], unique: true,
            reason: "seed: { plateNumber: 1 } UNIQUE, on the blind index (plateNumber is encrypted)"),
        IndexSpec(.vehicles, [.asc("driverId"), .asc("isActive")], reason: "seed: { driverId: 1, isActive: 1 }"),
    ]

    static let rescueRequests: [IndexSpec] = [
        IndexSpec(
            .rescueRequests, [.asc("riderId"), .desc("createdAt")],
            reason: "seed: { riderId: 1, createdAt: -1 } (also Performance-Critical 2)"),
        IndexSpec(.rescueRequests, [.asc("status"), .desc("createdAt")], reason: "seed: { status: 1, createdAt: -1 }"),
        IndexSpec(
            .rescueRequests, [.geo("pickupLocation.coordinates")],
            reason: "seed: { 'pickupLocation.coordinates': '2dsphere' }"),
        IndexSpec(.rescueRequests, [.asc("requestedAt")], reason: "seed: { requestedAt: 1 }"),
        IndexSpec(
            .rescueRequests, [.asc("status"), .asc("requestedAt")],
            reason: "seed: { status: 1, requestedAt: 1 } (also Performance-Critical 2)"),
    ]

    static let rescueAssignments: [IndexSpec] = [
        IndexSpec(.rescueAssignments, [.asc("rescueId")], unique: true, reason: "seed: { rescueId: 1 } UNIQUE"),
        IndexSpec(.rescueAssignments, [.asc("driverId"), .asc("status")], reason: "seed: { driverId: 1, status: 1 }"),
        IndexSpec(
            .rescueAssignments, [.asc("driverId"), .desc("createdAt")], reason: "seed: { driverId: 1, createdAt: -1 }"),
    ]

    static let payments: [IndexSpec] = [
        IndexSpec(.payments, [.asc("rescueId")], unique: true, reason: "seed: { rescueId: 1 } UNIQUE"),
        IndexSpec(
            .payments, [.asc("riderId"), .desc("createdAt")],
            reason: "seed: { riderId: 1, createdAt: -1 } (also Performance-Critical 3)"),
        IndexSpec(
            .payments, [.asc("driverId"), .desc("createdAt")],
            reason: "seed: { driverId: 1, createdAt: -1 } (also Performance-Critical 3)"),
        IndexSpec(
            .payments, [.asc("stripePaymentIntentId")], unique: true, sparse: true,
            reason: "seed: { stripePaymentIntentId: 1 } UNIQUE SPARSE"),
        IndexSpec(.payments, [.asc("status"), .desc("createdAt")], reason: "seed: { status: 1, createdAt: -1 }"),
    ]

    static let payouts: [IndexSpec] = [
        IndexSpec(.payouts, [.asc("driverId"), .asc("periodStart")], reason: "seed: { driverId: 1, periodStart: 1 }"),
        IndexSpec(.payouts, [.asc("status"), .desc("createdAt")], reason: "seed: { status: 1, createdAt: -1 }"),
        IndexSpec(.payouts, [.asc("stripePayoutId")], sparse: true, reason: "seed: { stripePayoutId: 1 } SPARSE"),
    ]

    static let ratings: [IndexSpec] = [
        IndexSpec(
            .ratings, [.asc("rescueId"), .asc("type")], unique: true,
            reason: "seed: { rescueId: 1, type: 1 } UNIQUE (one rating per direction per rescue)"),
        IndexSpec(.ratings, [.asc("toUserId"), .desc("createdAt")], reason: "seed: { toUserId: 1, createdAt: -1 }"),
        IndexSpec(.ratings, [.asc("fromUserId"), .desc("createdAt")], reason: "seed: { fromUserId: 1, createdAt: -1 }"),
    ]

    static let paymentMethods: [IndexSpec] = [
        IndexSpec(.paymentMethods, [.asc("riderId")], reason: "ours: a rider's payment methods (RiderProfile has many)"),
    ]

    static let apiKeys: [IndexSpec] = [
        IndexSpec(.apiKeys, [.asc("userId")], reason: "ours: a user's API keys (User owns many)"),
        IndexSpec(.apiKeys, [.asc("key")], unique: true, reason: "seed ERD: key UK \"hashed\" (a keyed hash, so unique holds)"),
        IndexSpec(
            .apiKeys, [.asc("keyPrefix")], unique: true,
            reason: "ours: authentication looks a key up by its visible prefix, then compares the hash"),
    ]

    static let notifications: [IndexSpec] = [
        IndexSpec(.notifications, [.asc("userId"), .desc("createdAt")], reason: "ours: a user's notifications, newest first"),
        IndexSpec(
            .notifications, [.asc("createdAt")], expireAfterSeconds: 30 * day,
            reason: "seed retention: Notification 30 days, then Delete (TTL)"),
    ]

    static let auditLogs: [IndexSpec] = [
        IndexSpec(.auditLogs, [.asc("userId"), .desc("createdAt")], reason: "ours: what a user did, newest first"),
        IndexSpec(.auditLogs, [.asc("entity"), .asc("entityId")], reason: "ours: who touched an entity"),
        IndexSpec(
            .auditLogs, [.asc("createdAt")],
            reason: "seed retention: AuditLog hot 30 days then archived for 7 years, so no TTL; the archival job scans by age"),
    ]

    static let driverStats: [IndexSpec] = [
        IndexSpec(.driverStats, [.asc("driverId")], unique: true, reason: "seed ERD: driverId FK UK (one per driver)"),
    ]

    static let driverAvailabilityLogs: [IndexSpec] = [
        IndexSpec(
            .driverAvailabilityLogs, [.asc("driverId"), .desc("timestamp")],
            reason: "ours: a driver's availability history, newest first"),
    ]

    static let rescueStatusHistories: [IndexSpec] = [
        IndexSpec(
            .rescueStatusHistories, [.asc("rescueId"), .asc("timestamp")],
            reason: "ours: a rescue's transitions in order"),
    ]

    static let twilioEventLogs: [IndexSpec] = [
        IndexSpec(
            .twilioEventLogs, [.asc("messageSid")], unique: true,
            reason: "seed ERD: messageSid UK (status callbacks update by SID)"),
    ]
}
