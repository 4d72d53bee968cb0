import Foundation
import Hummingbird
import HummingbirdTesting
import Security
import Testing

/// `supportcarr serve` wires the webhook routes: a route without its secret
/// answers 503 and start-up says so (a malformed public URL stopping
/// start-up is among `ServeCommandTests`' bad settings).
@Suite("supportcarr serve's webhook routes", .serialized)
struct ServeWebhookTests {
    @Test("with only STRIPE_WEBHOOK_SECRET set, start-up names the missing token and Twilio's route answers 503")
    func missingSecretIsLoggedAndAnswered503() async throws {
        var environment = try ServeCommandTests.baseEnvironment()
        environment["PORT"] = "0"
        environment["STRIPE_WEBHOOK_SECRET"] = "whsec_serve_test"
        let process = try Subprocess.start(Subprocess.supportcarr, ["serve"], environment: environment)
        defer { process.removeFiles() }
        guard let port = try await ServeCommandTests.port(of: process) else { return }
        let body = Array(
            #"{"id":"evt_serve","type":"payment_intent.succeeded","data":{"object":{"id":"pi_nobody","object":"payment_intent"}}}"#
                .utf8)
        let signature = StripeSignature(secret: "whsec_serve_test").header(
            for: body, at: Int64(Date().timeIntervalSince1970))
        let (twilio, stripe) = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            let twilio = try await client.execute(
                TestClient.Request(
                    "/webhooks/twilio", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "MessageSid=SM00&MessageStatus=sent")))
            var headers: HTTPFields = [.contentType: "application/json"]
            headers[HTTPFields.Element.Name("Stripe-Signature")!] = signature
            let stripe = try await client.execute(
                TestClient.Request(
                    "/webhooks/stripe", method: .post, headers: headers, body: ByteBuffer(bytes: body)))
            return (twilio, stripe)
        }
        #expect(twilio.status.code == 503)
        #expect(stripe.status.code == 200)
        #expect(stripe.body.map { String(buffer: $0) }?.contains("unmatched") == true)
        process.signal(SIGTERM)
        _ = try await process.exitStatus(within: .seconds(60))
        #expect(process.stdout.contains("POST /webhooks/twilio answers 503: TWILIO_AUTH_TOKEN is not set"))
        #expect(!process.stdout.contains("STRIPE_WEBHOOK_SECRET is not set"))
    }
}
