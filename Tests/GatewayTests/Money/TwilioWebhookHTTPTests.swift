import DataModel
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import MongoStore
import NIOCore
import Security
import SupportCarrData
import Testing

/// `POST /webhooks/twilio` signed with Twilio's scheme over the configured
/// public URL: one log document per message, repeats change nothing,
/// statuses only move forward, refusals write nothing.
@Suite("Twilio webhooks over HTTP", .serialized)
struct TwilioWebhookHTTPTests {
    static let sid = "SM" + String(repeating: "ab12", count: 8)

    static func form(_ status: String, sid: String = sid, extra: [(String, String)] = [])
        -> [(name: String, value: String)]
    {
        [
            ("MessageSid", sid), ("MessageStatus", status), ("AccountSid", "AC" + String(repeating: "0", count: 32)),
            ("To", "+13035550123"), ("From", "+18885550100"), ("ApiVersion", "2010-04-01"),
        ] + extra
    }

    static func encoded(_ parameters: [(name: String, value: String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return parameters.map {
            ($0.name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
                + ($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }

    /// Posts the form signed for `url` with `token`.
    static func post(
        _ parameters: [(name: String, value: String)], token: String = WebhookGateway.twilioToken,
        url: String = WebhookGateway.publicURL + "/webhooks/twilio", signature: String? = nil,
        client: any TestClientProtocol
    ) async throws -> (status: Int, body: String) {
        var fields: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        fields[HTTPFields.Element.Name("X-Twilio-Signature")!] =
            signature ?? TwilioSignature(authToken: token).header(url: url, parameters: parameters)
        let response = try await client.execute(
            uri: "/webhooks/twilio", method: .post, headers: fields, body: ByteBuffer(string: encoded(parameters)))
        return (Int(response.status.code), String(buffer: response.body))
    }

    @Test("queued, sent, a repeat, delivered, a late sent: one document, the status moves forward only")
    func recordsByMessageSid() async throws {
        try await WebhookGateway.with { hooks in
            try await hooks.live { client in
                let queued = try await Self.post(Self.form("queued"), client: client)
                #expect(queued.status == 200, "\(queued.body)")
                #expect(queued.body.contains("applied"))
                #expect(try await Self.post(Self.form("sent"), client: client).body.contains("applied"))
                #expect(try await Self.post(Self.form("sent"), client: client).body.contains("duplicate"))
                let delivered = Self.form("delivered", extra: [("SmsStatus", "delivered")])
                #expect(try await Self.post(delivered, client: client).body.contains("applied"))
                #expect(try await Self.post(Self.form("sending"), client: client).body.contains("unmatched"))
            }
            let logs = try await hooks.database.collection(.twilioEventLogs).find(["messageSid": .string(Self.sid)])
            try #require(logs.count == 1)
            let log = logs[0]
            #expect(log["status"] == "delivered")
            #expect(log["type"] == "sms")
            #expect(log["to"] == "+1******0123")
            let raw = try #require(try log["rawEvent", as: BSONDocument.self])
            #expect(raw["To"] == nil)
            #expect(raw["MessageStatus"] == "delivered")
            #expect(try log["receivedStatuses", as: [BSONValue].self]?.count == 4)
            let audit = try await hooks.database.collection(.auditLogs).find(["entity": "twilioeventlogs"])
            #expect(audit.count == 4)
            #expect(
                audit.allSatisfy {
                    (try? $0["changes", as: BSONDocument.self]?["principal", as: String.self]) == "webhook:twilio"
                })
            #expect(audit.allSatisfy { !$0.relaxedExtendedJSON.contains("3035550123") })
        }
    }

    @Test("a failure keeps its error code; parameters in any order sign the same")
    func failedWithError() async throws {
        try await WebhookGateway.with { hooks in
            let sid = "SM" + String(repeating: "cd34", count: 8)
            let failed = Self.form(
                "undelivered", sid: sid, extra: [("ErrorCode", "30003"), ("ErrorMessage", "Unreachable handset")])
            let reordered = Array(failed.reversed())
            let answer = try await hooks.live { client in try await Self.post(reordered, client: client) }
            #expect(answer.status == 200)
            let log = try await hooks.database.collection(.twilioEventLogs).findOne(["messageSid": .string(sid)])
            #expect(log?["status"] == "failed")
            #expect(log?["errorCode"] == "30003")
        }
    }

    @Test("a wrong token, another URL, a missing or tampered signature: 400 and nothing written")
    func refusals() async throws {
        try await WebhookGateway.with { hooks in
            try await hooks.live { client in
                #expect(try await Self.post(Self.form("sent"), token: "not-the-token", client: client).status == 400)
                // Signed for the address the gateway sees, not the public one it is configured with.
                let local = try await Self.post(
                    Self.form("sent"), url: "http://localhost/webhooks/twilio", client: client)
                #expect(local.status == 400)
                #expect(try await Self.post(Self.form("sent"), signature: "", client: client).status == 400)
                #expect(try await Self.post(Self.form("sent"), signature: "%%%", client: client).status == 400)
                // A parameter changed after signing.
                let signed = TwilioSignature(authToken: WebhookGateway.twilioToken).header(
                    url: WebhookGateway.publicURL + "/webhooks/twilio", parameters: Self.form("sent"))
                #expect(try await Self.post(Self.form("delivered"), signature: signed, client: client).status == 400)
                // Signed, but not a status callback.
                let bare = try await Self.post([("Foo", "bar")], client: client)
                #expect(bare.status == 400)
            }
            #expect(try await hooks.database.collection(.twilioEventLogs).countDocuments() == 0)
            #expect(try await hooks.database.collection(.auditLogs).countDocuments() == 0)
        }
    }

    @Test("without TWILIO_AUTH_TOKEN the route answers 503; the public URL is checked at start-up")
    func unconfigured() async throws {
        try await WebhookGateway.with(settings: WebhookSettings(stripeSecret: WebhookGateway.stripeSecret)) { hooks in
            try await hooks.live { client in
                let answer = try await Self.post(Self.form("sent"), client: client)
                #expect(answer.status == 503)
                #expect(answer.body.contains("TWILIO_AUTH_TOKEN"))
            }
        }
        let settings = try WebhookSettings.fromEnvironment([
            "TWILIO_AUTH_TOKEN": "x", "SUPPORTCARR_PUBLIC_URL": "https://api.example.com/",
        ])
        #expect(settings.publicURL == "https://api.example.com")
        #expect(settings.startupNotices == ["POST /webhooks/stripe answers 503: STRIPE_WEBHOOK_SECRET is not set"])
        #expect(throws: ConfigurationError.self) {
            try WebhookSettings.fromEnvironment(["SUPPORTCARR_PUBLIC_URL": "api.example.com"])
        }
    }
}
