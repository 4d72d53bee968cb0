/// Every index `supportcarr migrate` creates (`docs/DATA-MODEL.md`,
/// "Indexes").
///
/// Sources, in order of precedence (each index's `reason` says which; "data
/// model" is the company's own list, summarised in `docs/DATA-MODEL.md`):
/// 1. Each collection's **Indexes** list in the data model.
/// 2. The data model's **Performance-critical indexes** (driver matching).
/// 3. Our additions for the collections the data model gives no indexes: the foreign
///    keys the gateway's loaders look up by, and the lookups the API-key and
///    Twilio webhooks need.
/// 4. **TTL** from the data model's retention table, only where the table says the data
///    is deleted (a TTL index deletes; anything archived must stay for the
///    archival job). That is Notification alone (30 days, then "Delete").
///    AuditLog keeps 7 years in archive, RescueRequest 7 years, Payment forever,
///    Rating forever: none of them gets a TTL. AuditLog gets a plain `createdAt`
///    index instead, for the monthly archival job's "older than 30 days" scans.
/// 5. **Blind indexes** instead of unique indexes on encrypted fields. The data
///    model asks for `users.phoneNumber` UNIQUE, `vehicles.plateNumber` UNIQUE and a
///    sparse unique `riderprofiles.email`; those fields hold AES-GCM ciphertexts
///    with a random nonce, so the same phone number never encrypts to the same
///    text twice and a unique index on them would accept every duplicate (and
///    could never serve a lookup). The unique indexes sit on the keyed hashes
///    (`phoneNumberHash`, `plateNumberHash`, `emailHash`) instead.
public enum IndexCatalogue {
    static let day = 86_400

    /// The whole catalogue, grouped by collection in `Collections` order.
    public static let all: [IndexSpec] =
        users + riderProfiles + driverProfiles + vehicles + rescueRequests
        + rescueAssignments + payments + payouts + ratings + paymentMethods + apiKeys + notifications
        + auditLogs + driverStats + driverAvailabilityLogs + rescueStatusHistories + twilioEventLogs

    /// The catalogue's indexes on one collection.
    public static func indexes(on collection: Collections) -> [IndexSpec] {
        all.filter { $0.collection == collection }
    }

    static let users: [IndexSpec] = [
        IndexSpec(
            .users, [.asc("phoneNumberHash")], unique: true, sparse: true,
            reason:
                "data model: { phoneNumber: 1 } UNIQUE, on the blind index (phoneNumber is encrypted); sparse so that "
                + "accounts without a phone number (API-key users made by `supportcarr apikey create`) can coexist"),
        IndexSpec(.users, [.asc("role"), .desc("createdAt")], reason: "data model: { role: 1, createdAt: -1 }"),
        IndexSpec(.users, [.asc("refreshToken")], sparse: true, reason: "data model: { refreshToken: 1 } SPARSE"),
        IndexSpec(
            .users, [.asc("partnerId")], sparse: true,
            reason: "ours: a partner key's row rule (the rider accounts it registered, tenant field partnerId)"),
    ]

    static let riderProfiles: [IndexSpec] = [
        IndexSpec(.riderProfiles, [.asc("userId")], unique: true, reason: "data model: { userId: 1 } UNIQUE"),
        IndexSpec(
            .riderProfiles, [.asc("stripeCustomerId")], sparse: true,
            reason: "data model: { stripeCustomerId: 1 } SPARSE"),
        IndexSpec(
            .riderProfiles, [.geo("savedLocations.location")],
            reason: "data model: { 'savedLocations.location': '2dsphere' }"),
        IndexSpec(
            .riderProfiles, [.asc("emailHash")], unique: true, sparse: true,
            reason: "data model schema: email sparse unique, on the blind index (email is encrypted)"),
        IndexSpec(
            .riderProfiles, [.asc("partnerId")], sparse: true,
            reason: "ours: a partner key's row rule (the riders it registered, tenant field partnerId)"),
    ]

    static let driverProfiles: [IndexSpec] = [
        IndexSpec(.driverProfiles, [.asc("userId")], unique: true, reason: "data model: { userId: 1 } UNIQUE"),
        IndexSpec(.driverProfiles, [.geo("location")], reason: "data model: { location: '2dsphere' }"),
        IndexSpec(
            .driverProfiles, [.asc("isOnline"), .asc("isAvailable"), .geo("location")],
            reason: "data model: { isOnline: 1, isAvailable: 1, location: '2dsphere' } (driver matching)"),
        IndexSpec(.driverProfiles, [.asc("status")], reason: "data model: { status: 1 }"),
        IndexSpec(
            .driverProfiles, [.asc("stripeAccountId")], sparse: true,
            reason: "data model: { stripeAccountId: 1 } SPARSE"),
        IndexSpec(
            .driverProfiles, [.geo("location"), .asc("isOnline"), .asc("isAvailable"), .asc("status")],
            reason: "data model, performance-critical 1: driver matching ($near with availability and status)"),
    ]

    static let vehicles: [IndexSpec] = [
        IndexSpec(.vehicles, [.asc("driverId")], reason: "data model: { driverId: 1 }"),
        IndexSpec(
            .vehicles, [.asc("plateNumberHash")], unique: true,
            reason: "data model: { plateNumber: 1 } UNIQUE, on the blind index (plateNumber is encrypted)"),
        IndexSpec(.vehicles, [.asc("driverId"), .asc("isActive")], reason: "data model: { driverId: 1, isActive: 1 }"),
    ]

    static let rescueRequests: [IndexSpec] = [
        IndexSpec(
            .rescueRequests, [.asc("riderId"), .desc("createdAt")],
            reason: "data model: { riderId: 1, createdAt: -1 } (also Performance-Critical 2)"),
        IndexSpec(
            .rescueRequests, [.asc("status"), .desc("createdAt")], reason: "data model: { status: 1, createdAt: -1 }"),
        IndexSpec(
            .rescueRequests, [.geo("pickupLocation.coordinates")],
            reason: "data model: { 'pickupLocation.coordinates': '2dsphere' }"),
        IndexSpec(.rescueRequests, [.asc("requestedAt")], reason: "data model: { requestedAt: 1 }"),
        IndexSpec(
            .rescueRequests, [.asc("status"), .asc("requestedAt")],
            reason: "data model: { status: 1, requestedAt: 1 } (also Performance-Critical 2)"),
        IndexSpec(
            .rescueRequests, [.asc("driverId"), .desc("requestedAt")],
            reason: "ours: a driver's rescues newest first (the driver row rule, on the owner field driverId)"),
        IndexSpec(
            .rescueRequests, [.asc("idempotencyKey")], unique: true, sparse: true,
            reason: "ours: createRescueRequest's idempotency key (the caller's user id and the client's key): of "
                + "two requests with one key only one rescue can be inserted"),
        IndexSpec(
            .rescueRequests, [.asc("partnerId"), .desc("createdAt")], sparse: true,
            reason: "ours: a partner key's row rule and its newest rescues first (tenant field partnerId)"),
    ]

    static let rescueAssignments: [IndexSpec] = [
        IndexSpec(.rescueAssignments, [.asc("rescueId")], unique: true, reason: "data model: { rescueId: 1 } UNIQUE"),
        IndexSpec(
            .rescueAssignments, [.asc("riderId"), .asc("status"), .desc("completedAt")],
            reason: "ours: a rider's assignments (the rider row rule, on the owner field riderId) and the driver of "
                + "its live or just completed rescue"),
        IndexSpec(
            .rescueAssignments, [.asc("driverId"), .asc("status"), .desc("completedAt")],
            reason: "ours: the rider of a driver's live or just completed job (a range on completedAt, "
                + "whatever the driver's history)"),
        IndexSpec(
            .rescueAssignments, [.asc("driverId"), .asc("status")], reason: "data model: { driverId: 1, status: 1 }"),
        IndexSpec(
            .rescueAssignments, [.asc("driverId"), .desc("createdAt")],
            reason: "data model: { driverId: 1, createdAt: -1 }"),
    ]

    static let payments: [IndexSpec] = [
        IndexSpec(.payments, [.asc("rescueId")], unique: true, reason: "data model: { rescueId: 1 } UNIQUE"),
        IndexSpec(
            .payments, [.asc("riderId"), .desc("createdAt")],
            reason: "data model: { riderId: 1, createdAt: -1 } (also Performance-Critical 3)"),
        IndexSpec(
            .payments, [.asc("driverId"), .desc("createdAt")],
            reason: "data model: { driverId: 1, createdAt: -1 } (also Performance-Critical 3)"),
        IndexSpec(
            .payments, [.asc("stripePaymentIntentId")], unique: true, sparse: true,
            reason: "data model: { stripePaymentIntentId: 1 } UNIQUE SPARSE"),
        IndexSpec(.payments, [.asc("status"), .desc("createdAt")], reason: "data model: { status: 1, createdAt: -1 }"),
        // Money writes.
        IndexSpec(
            .payments, [.asc("stripeEventIds")], unique: true, sparse: true,
            reason: "ours: the Stripe events applied to a payment; unique, so an event is applied to one payment "
                + "at most (the webhook's idempotency by event id)"),
    ]

    static let payouts: [IndexSpec] = [
        IndexSpec(
            .payouts, [.asc("driverId"), .asc("periodStart")], reason: "data model: { driverId: 1, periodStart: 1 }"),
        IndexSpec(.payouts, [.asc("status"), .desc("createdAt")], reason: "data model: { status: 1, createdAt: -1 }"),
        IndexSpec(.payouts, [.asc("stripePayoutId")], sparse: true, reason: "data model: { stripePayoutId: 1 } SPARSE"),
        // Money writes.
        IndexSpec(
            .payouts, [.asc("payoutKey")], unique: true, sparse: true,
            reason: "ours: `<driverId>:<ISO week>` of the payouts `supportcarr payouts run` makes; unique, so one "
                + "payout per driver and week however often it runs (sparse: older payouts have none)"),
        IndexSpec(
            .payouts, [.asc("rescueIds")],
            reason: "ours: `payouts run` leaves out the rescues a payout already covers"),
    ]

    static let ratings: [IndexSpec] = [
        IndexSpec(
            .ratings, [.asc("rescueId"), .asc("type")], unique: true,
            reason: "data model: { rescueId: 1, type: 1 } UNIQUE (one rating per direction per rescue)"),
        IndexSpec(
            .ratings, [.asc("toUserId"), .desc("createdAt")], reason: "data model: { toUserId: 1, createdAt: -1 }"),
        IndexSpec(
            .ratings, [.asc("fromUserId"), .desc("createdAt")], reason: "data model: { fromUserId: 1, createdAt: -1 }"),
    ]

    static let paymentMethods: [IndexSpec] = [
        IndexSpec(.paymentMethods, [.asc("riderId")], reason: "ours: a rider's payment methods (RiderProfile has many)")
    ]

    static let apiKeys: [IndexSpec] = [
        IndexSpec(.apiKeys, [.asc("userId")], reason: "ours: a user's API keys (User owns many)"),
        IndexSpec(
            .apiKeys, [.asc("key")], unique: true,
            reason: "data model: key UK \"hashed\" (a keyed hash, so unique holds)"
        ),
        IndexSpec(
            .apiKeys, [.asc("keyPrefix")], unique: true,
            reason: "ours: authentication looks a key up by its visible prefix, then compares the hash"),
    ]

    static let notifications: [IndexSpec] = [
        IndexSpec(
            .notifications, [.asc("userId"), .desc("createdAt")], reason: "ours: a user's notifications, newest first"),
        IndexSpec(
            .notifications, [.asc("createdAt")], expireAfterSeconds: 30 * day,
            reason: "data model retention: Notification 30 days, then Delete (TTL)"),
    ]

    static let auditLogs: [IndexSpec] = [
        IndexSpec(.auditLogs, [.asc("userId"), .desc("createdAt")], reason: "ours: what a user did, newest first"),
        IndexSpec(.auditLogs, [.asc("entity"), .asc("entityId")], reason: "ours: who touched an entity"),
        IndexSpec(
            .auditLogs, [.asc("createdAt")],
            reason:
                "data model retention: AuditLog hot 30 days then archived for 7 years, so no TTL; the archival job scans by age"
        ),
    ]

    static let driverStats: [IndexSpec] = [
        IndexSpec(.driverStats, [.asc("driverId")], unique: true, reason: "data model: driverId FK UK (one per driver)")
    ]

    static let driverAvailabilityLogs: [IndexSpec] = [
        IndexSpec(
            .driverAvailabilityLogs, [.asc("driverId"), .desc("timestamp")],
            reason: "ours: a driver's availability history, newest first")
    ]

    static let rescueStatusHistories: [IndexSpec] = [
        IndexSpec(
            .rescueStatusHistories, [.asc("rescueId"), .asc("timestamp")],
            reason: "ours: a rescue's transitions in order")
    ]

    static let twilioEventLogs: [IndexSpec] = [
        IndexSpec(
            .twilioEventLogs, [.asc("messageSid")], unique: true,
            reason: "data model: messageSid UK (status callbacks update by SID)")
    ]
}
