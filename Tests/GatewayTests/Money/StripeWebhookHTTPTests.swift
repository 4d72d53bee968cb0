import DataModel
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Logging
import MongoStore
import NIOCore
import Security
import SupportCarrData
import Testing

/// `POST /webhooks/stripe` signed with Stripe's scheme: events applied once
/// by id, refusals for a wrong secret, a stale timestamp and a missing
/// header with nothing written, 503 without a secret.
@Suite("Stripe webhooks over HTTP", .serialized)
struct StripeWebhookHTTPTests {
    static func event(_ id: String, _ type: String, object: String) -> [UInt8] {
        Array(
            #"{"id":"\#(id)","object":"event","type":"\#(type)","created":1765000000,"livemode":false,"data":{"object":\#(object)}}"#
                .utf8)
    }

    static func intent(_ id: String, charge: String = "ch_test_1", error: String? = nil) -> String {
        let failure =
            error.map { #","last_payment_error":{"code":"\#($0)","message":"Your card was declined."}"# } ?? ""
        return #"{"id":"\#(id)","object":"payment_intent","amount":5000,"latest_charge":"\#(charge)"\#(failure)}"#
    }

    static func charge(_ intent: String, refunded: Int) -> String {
        #"{"id":"ch_test_1","object":"charge","amount":5000,"amount_refunded":\#(refunded),"payment_intent":"\#(intent)","refunded":\#(refunded == 5000)}"#
    }

    /// Posts `body` signed with `secret` at `timestamp` (now by default).
    static func post(
        _ body: [UInt8], secret: String = WebhookGateway.stripeSecret, at timestamp: Int64? = nil,
        header: String? = nil, client: any TestClientProtocol
    ) async throws -> (status: Int, body: String) {
        let time = timestamp ?? Int64(Date().timeIntervalSince1970)
        var fields: HTTPFields = [.contentType: "application/json"]
        fields[HTTPFields.Element.Name("Stripe-Signature")!] =
            header ?? StripeSignature(secret: secret).header(for: body, at: time)
        let response = try await client.execute(
            uri: "/webhooks/stripe", method: .post, headers: fields, body: ByteBuffer(bytes: body))
        return (Int(response.status.code), String(buffer: response.body))
    }

    @Test("succeeded, a replay, a refund and an unknown type: applied once, audited as the webhook")
    func appliesOnce() async throws {
        let capture = LogCapture()
        try await WebhookGateway.with(logger: capture.logger) { hooks in
            let parties = try await Self.parties(in: hooks.database)
            let (payment, _) = try await parties.payment(in: hooks.database, status: "pending", intent: "pi_ok_1")
            let succeeded = Self.event("evt_ok_1", "payment_intent.succeeded", object: Self.intent("pi_ok_1"))
            try await hooks.live { client in
                let first = try await Self.post(succeeded, client: client)
                #expect(first.status == 200)
                #expect(first.body.contains(#""outcome":"applied""#))
                let stored = try await hooks.database.collection(.payments).findOne(["_id": .objectID(payment)])
                #expect(stored?["status"] == "succeeded")
                #expect(stored?["stripeChargeId"] == "ch_test_1")
                #expect(stored?["processedAt"]?.typeName == "date")

                let replay = try await Self.post(succeeded, client: client)
                #expect(replay.status == 200)
                #expect(replay.body.contains(#""outcome":"duplicate""#))
                let after = try await hooks.database.collection(.payments).findOne(["_id": .objectID(payment)])
                #expect(after == stored)

                let partial = Self.event("evt_ref_1", "charge.refunded", object: Self.charge("pi_ok_1", refunded: 1500))
                #expect(try await Self.post(partial, client: client).status == 200)
                var refunded = try await hooks.database.collection(.payments).findOne(["_id": .objectID(payment)])
                #expect(try refunded?["refundAmount", as: Int.self] == 1500)
                #expect(refunded?["status"] == "succeeded")
                let full = Self.event("evt_ref_2", "charge.refunded", object: Self.charge("pi_ok_1", refunded: 5000))
                #expect(try await Self.post(full, client: client).status == 200)
                refunded = try await hooks.database.collection(.payments).findOne(["_id": .objectID(payment)])
                #expect(try refunded?["refundAmount", as: Int.self] == 5000)
                #expect(refunded?["status"] == "refunded")

                // A late success after the refund is recorded as seen and changes nothing else.
                let late = Self.event("evt_late", "payment_intent.succeeded", object: Self.intent("pi_ok_1"))
                #expect(try await Self.post(late, client: client).body.contains("unmatched"))
                let still = try await hooks.database.collection(.payments).findOne(["_id": .objectID(payment)])
                #expect(still?["status"] == "refunded")

                let other = Self.event("evt_other", "customer.created", object: #"{"id":"cus_1","object":"customer"}"#)
                let ignored = try await Self.post(other, client: client)
                #expect(ignored.status == 200)
                #expect(ignored.body.contains("ignored"))
            }
            let audit = try await hooks.database.collection(.auditLogs).find(
                ["entity": "payments"], options: FindOptions(sort: ["createdAt": 1, "_id": 1]))
            #expect(
                audit.compactMap { try? $0["action", as: String.self] }
                    == ["payment.succeeded", "payment.refunded", "payment.refunded", "payment.succeeded"])
            #expect(
                audit.allSatisfy {
                    $0["userId"] == .null
                        && (try? $0["changes", as: BSONDocument.self]?["principal", as: String.self])
                            == "webhook:stripe"
                })
            let stored = try await hooks.database.collection(.payments).findOne(["_id": .objectID(payment)])
            #expect(try stored?["stripeEventIds", as: [BSONValue].self]?.count == 4)
        }
        // The log names events, never their bodies.
        #expect(!capture.all.contains { "\($0.message) \($0.metadata)".contains("ch_test_1") })
        #expect(capture.all.contains { $0.metadata["event"] == "evt_ok_1" })
    }

    @Test("a failed charge sets the reason; an unknown PaymentIntent is answered 200 and writes nothing")
    func failureAndUnknown() async throws {
        try await WebhookGateway.with { hooks in
            let parties = try await Self.parties(in: hooks.database)
            let (payment, _) = try await parties.payment(in: hooks.database, status: "pending", intent: "pi_fail_1")
            try await hooks.live { client in
                let failed = Self.event(
                    "evt_fail_1", "payment_intent.payment_failed",
                    object: Self.intent("pi_fail_1", error: "card_declined"))
                #expect(try await Self.post(failed, client: client).status == 200)
                let unknown = Self.event("evt_unknown", "payment_intent.succeeded", object: Self.intent("pi_nobody"))
                let answer = try await Self.post(unknown, client: client)
                #expect(answer.status == 200)
                #expect(answer.body.contains("unmatched"))
            }
            let stored = try await hooks.database.collection(.payments).findOne(["_id": .objectID(payment)])
            #expect(stored?["status"] == "failed")
            #expect(stored?["failureReason"] == "card_declined")
        }
    }

    @Test("a wrong secret, a stale or future timestamp, a missing or malformed header: 400 and nothing written")
    func refusals() async throws {
        let capture = LogCapture()
        try await WebhookGateway.with(logger: capture.logger) { hooks in
            let parties = try await Self.parties(in: hooks.database)
            let (payment, _) = try await parties.payment(in: hooks.database, status: "pending", intent: "pi_bad_1")
            let body = Self.event("evt_bad_1", "payment_intent.succeeded", object: Self.intent("pi_bad_1"))
            let now = Int64(Date().timeIntervalSince1970)
            try await hooks.live { client in
                let wrong = try await Self.post(body, secret: "whsec_someone_else", client: client)
                #expect(wrong.status == 400)
                #expect(!wrong.body.contains("pi_bad_1"))
                // Well past the 5 minutes either way (the boundary itself is the unit
                // tests'), so a loaded machine's slow request cannot move it.
                #expect(try await Self.post(body, at: now - 600, client: client).status == 400)
                #expect(try await Self.post(body, at: now + 600, client: client).status == 400)
                #expect(try await Self.post(body, header: "", client: client).status == 400)
                #expect(try await Self.post(body, header: "t=abc,v1=00", client: client).status == 400)
                #expect(try await Self.post(body, header: "t=\(now)", client: client).status == 400)
                // Signed for another body: the signature covers the bytes.
                let signed = StripeSignature(secret: WebhookGateway.stripeSecret).header(for: [0x7b, 0x7d], at: now)
                #expect(try await Self.post(body, header: signed, client: client).status == 400)
                // One good signature among several (a secret being rolled) is enough.
                let good = StripeSignature(secret: WebhookGateway.stripeSecret).header(for: body, at: now)
                let rolled = "t=\(now),v1=\(String(repeating: "0", count: 64)),\(good.split(separator: ",")[1])"
                #expect(try await Self.post(body, header: rolled, client: client).status == 200)
            }
            let stored = try await hooks.database.collection(.payments).findOne(["_id": .objectID(payment)])
            #expect(try stored?["stripeEventIds", as: [BSONValue].self]?.count == 1)
            #expect(try await hooks.database.collection(.auditLogs).countDocuments(["entity": "payments"]) == 1)
        }
        #expect(capture.all.filter { $0.message == "webhook refused" }.count == 7)
        #expect(!capture.all.contains { "\($0.message) \($0.metadata)".contains("pi_bad_1") })
    }

    @Test("a body over 256 KiB is refused with 413 before its signature is checked")
    func tooLarge() async throws {
        try await WebhookGateway.with { hooks in
            let body = Array(repeating: UInt8(ascii: " "), count: 256 * 1024 + 1)
            let answer = try await hooks.live { client in try await Self.post(body, client: client) }
            #expect(answer.status == 413)
        }
    }

    @Test("without STRIPE_WEBHOOK_SECRET the route answers 503")
    func unconfigured() async throws {
        try await WebhookGateway.with(settings: WebhookSettings(twilioAuthToken: WebhookGateway.twilioToken)) {
            hooks in
            let body = Self.event("evt_x", "payment_intent.succeeded", object: Self.intent("pi_x"))
            try await hooks.live { client in
                let answer = try await Self.post(body, client: client)
                #expect(answer.status == 503)
                #expect(answer.body.contains("STRIPE_WEBHOOK_SECRET"))
            }
        }
        #expect(
            WebhookSettings().startupNotices == [
                "POST /webhooks/stripe answers 503: STRIPE_WEBHOOK_SECRET is not set",
                "POST /webhooks/twilio answers 503: TWILIO_AUTH_TOKEN is not set",
            ])
    }

    /// A rider and a driver with profiles, straight in the database.
    static func parties(in database: MongoDatabase) async throws -> MoneyParties {
        let (riderUser, driverUser, rider, driver) = (ObjectID(), ObjectID(), ObjectID(), ObjectID())
        try await database.collection(.riderProfiles).insertOne([
            "_id": .objectID(rider), "userId": .objectID(riderUser),
        ])
        try await database.collection(.driverProfiles).insertOne([
            "_id": .objectID(driver), "userId": .objectID(driverUser),
        ])
        return MoneyParties(
            rider: (riderUser, ""), driver: (driverUser, ""), riderProfile: rider, driverProfile: driver)
    }
}
