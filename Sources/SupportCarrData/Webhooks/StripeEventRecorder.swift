import DataModel
public import MongoStore
public import Security

/// Applies Stripe's payment events to `payments` (`README.md`, "Webhooks"):
/// `payment_intent.succeeded`, `payment_intent.payment_failed` and
/// `charge.refunded`, each to the payment with the event's
/// `stripePaymentIntentId`. Other types are ignored.
///
/// Idempotent by event id: the payment keeps the ids of the events applied
/// to it in `stripeEventIds`, which `IndexCatalogue` indexes unique (sparse),
/// and the update is a compare-and-set on the id not being there yet. A
/// redelivered event changes nothing (not even `updatedAt`); two deliveries
/// at once conflict in their transactions and the second finds the id.
///
/// Stripe sends events in no guaranteed order, so each moves the payment
/// only forward: `succeeded` from `pending`, `processing` or `failed` (a
/// retry with another card); `payment_failed` from `pending` or
/// `processing`; a refund only raises `refundAmount` (Stripe's
/// `amount_refunded` is the charge's running total, and `refundPayment` may
/// have recorded it first), never past `amount`. An event that no longer
/// applies is still recorded as seen, and changes nothing else.
///
/// Each change and its audit entry (`payment.succeeded`, `payment.failed`,
/// `payment.refunded`, principal `webhook:stripe`) share one transaction.
public struct StripeEventRecorder: StripeEventHandler {
    public static let principal = "webhook:stripe"
    /// The event types acted on.
    public static let handledTypes: Set<String> = [
        "payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded",
    ]

    let database: MongoDatabase

    public init(database: MongoDatabase) {
        self.database = database
    }

    public func handle(_ event: StripeEvent) async throws -> WebhookOutcome {
        guard Self.handledTypes.contains(event.type) else { return .ignored }
        guard let intent = event.paymentIntentId, !intent.isEmpty else { return .unmatched }
        return try await TrustedWrite.run(on: database, as: Self.principal) { write in
            try await apply(event, intent: intent, write: write)
        }
    }

    func apply(_ event: StripeEvent, intent: String, write: TrustedWrite) async throws -> WebhookOutcome {
        guard let payment = try await write.findOne(["stripePaymentIntentId": .string(intent)], in: .payments),
            case .objectID(let id)? = payment["_id"]
        else { return .unmatched }
        if case .array(let seen)? = payment["stripeEventIds"], seen.contains(.string(event.id)) {
            return .duplicate
        }
        let status = (try? payment["status", as: String.self]) ?? ""
        let (action, set) = change(for: event, payment: payment, status: status, now: write.now)
        var update: BSONDocument = ["$push": ["stripeEventIds": .string(event.id)]]
        if let set { update["$set"] = .document(set) }
        let updated = try await write.update(
            [
                "_id": .objectID(id), "stripeEventIds": ["$ne": .string(event.id)],
                "status": payment["status"] ?? .null, "refundAmount": payment["refundAmount"] ?? .null,
            ], update, in: .payments)
        // The transaction's snapshot saw the payment as read: only a
        // concurrent write conflicts, and the transaction then runs again.
        guard updated != nil else { return .duplicate }
        try await write.audit(action, .payments, id, fields: (set?.keys ?? []) + ["stripeEventIds"])
        return set == nil ? .unmatched : .applied
    }

    /// The audit action and the fields `event` sets on a payment in `status`;
    /// nil fields when it no longer applies.
    func change(for event: StripeEvent, payment: BSONDocument, status: String, now: BSONDate)
        -> (String, BSONDocument?)
    {
        // Stripe's own creation time when it is a plausible one (1970 to 2100).
        let created = event.created.flatMap { (0...4_102_444_800).contains($0) ? $0 : nil }
        let processedAt: BSONValue = .date(created.map { BSONDate(millisecondsSinceEpoch: $0 * 1000) } ?? now)
        switch event.type {
        case "payment_intent.succeeded":
            guard ["pending", "processing", "failed"].contains(status) else { return ("payment.succeeded", nil) }
            var set: BSONDocument = ["status": "succeeded", "processedAt": processedAt, "failureReason": .null]
            if let charge = event.object.latestCharge { set["stripeChargeId"] = .string(charge) }
            set["updatedAt"] = .date(now)
            return ("payment.succeeded", set)
        case "payment_intent.payment_failed":
            guard ["pending", "processing"].contains(status) else { return ("payment.failed", nil) }
            let reason = String((event.object.failureCode ?? "payment_failed").prefix(200))
            let set: BSONDocument = [
                "status": "failed", "failureReason": .string(reason), "processedAt": processedAt,
                "updatedAt": .date(now),
            ]
            return ("payment.failed", set)
        default:
            let paid = Self.integer(payment["amount"]) ?? 0
            let before = Self.integer(payment["refundAmount"]) ?? 0
            let reported = min(event.object.amountRefunded ?? event.object.amount ?? 0, paid)
            guard ["succeeded", "refunded"].contains(status), reported > before else {
                return ("payment.refunded", nil)
            }
            var set: BSONDocument = ["refundAmount": .int64(reported), "refundedAt": processedAt]
            if reported == paid { set["status"] = "refunded" }
            if event.object.object == "charge", let charge = event.object.id { set["stripeChargeId"] = .string(charge) }
            set["updatedAt"] = .date(now)
            return ("payment.refunded", set)
        }
    }

    static func integer(_ value: BSONValue?) -> Int64? {
        switch value {
        case .int32(let number)?: Int64(number)
        case .int64(let number)?: number
        case .double(let number)? where number.rounded() == number: Int64(number)
        default: nil
        }
    }
}
