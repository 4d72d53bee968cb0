import Foundation
import Testing

@testable import Security

/// The two senders' schemes against MACs computed independently (Python's
/// `hmac`), and the refusals that do not need HTTP.
@Suite("Webhook signatures")
struct WebhookSignatureTests {
    static let payload = Array(#"{"id":"evt_1","type":"payment_intent.succeeded"}"#.utf8)
    static let stripeVector = "e59a8c307af909dcc3fb0fb159599993edbc180e042b265517f1306ec2212f97"

    @Test("Stripe: HMAC-SHA256 of t.payload in hex; any v1 may match; 5 minutes either way")
    func stripe() throws {
        let signature = StripeSignature(secret: "whsec_test_vector")
        let at = Date(timeIntervalSince1970: 1_765_000_000)
        #expect(signature.header(for: Self.payload, at: 1_765_000_000) == "t=1765000000,v1=" + Self.stripeVector)
        try signature.verify(header: "t=1765000000,v1=\(Self.stripeVector)", payload: Self.payload, now: at)
        try signature.verify(
            header:
                "t=1765000000, v0=abc, v1=\(String(repeating: "1", count: 64)), v1=\(Self.stripeVector.uppercased())",
            payload: Self.payload, now: at.addingTimeInterval(300))
        #expect(throws: WebhookSignatureError.stale) {
            try signature.verify(
                header: "t=1765000000,v1=\(Self.stripeVector)", payload: Self.payload, now: at.addingTimeInterval(301))
        }
        #expect(throws: WebhookSignatureError.mismatch) {
            try StripeSignature(secret: "whsec_other").verify(
                header: "t=1765000000,v1=\(Self.stripeVector)", payload: Self.payload, now: at)
        }
        #expect(throws: WebhookSignatureError.missing) {
            try signature.verify(header: nil, payload: Self.payload, now: at)
        }
        for header in ["t=1765000000", "v1=\(Self.stripeVector)", "t=soon,v1=\(Self.stripeVector)", "t=1,v1=zz"] {
            #expect(throws: WebhookSignatureError.malformed) {
                try signature.verify(header: header, payload: Self.payload, now: at)
            }
        }
    }

    @Test("Twilio: Base64 HMAC-SHA1 of the URL and the parameters sorted by name")
    func twilio() throws {
        let signature = TwilioSignature(authToken: "12345")
        let url = "https://example.com/myapp.php?foo=1&bar=2"
        let parameters: [(name: String, value: String)] = [
            ("To", "+18005551212"), ("Digits", "1234"), ("From", "+14158675310"), ("Caller", "+14158675310"),
            ("CallSid", "CA1234567890ABCDE"),
        ]
        #expect(signature.header(url: url, parameters: parameters) == "L/OH5YylLD5NRKLltdqwSvS0BnU=")
        try signature.verify(header: "L/OH5YylLD5NRKLltdqwSvS0BnU=", url: url, parameters: Array(parameters.reversed()))
        #expect(throws: WebhookSignatureError.mismatch) {
            try signature.verify(
                header: "L/OH5YylLD5NRKLltdqwSvS0BnU=", url: "http://example.com/myapp.php?foo=1&bar=2",
                parameters: parameters)
        }
        #expect(throws: WebhookSignatureError.malformed) {
            try signature.verify(header: "not base64!", url: url, parameters: parameters)
        }
    }

    @Test("Stripe events and Twilio callbacks are read leniently but need their keys")
    func parsing() {
        let event = StripeEvent(
            json: Array(
                #"{"id":"evt_2","type":"charge.refunded","data":{"object":{"id":"ch_1","object":"charge","amount_refunded":300,"payment_intent":{"id":"pi_expanded"}}}}"#
                    .utf8))
        #expect(event?.object.amountRefunded == 300)
        #expect(event?.paymentIntentId == nil)  // an expanded object is not an id
        #expect(StripeEvent(json: Array(#"{"type":"x","data":{"object":{}}}"#.utf8)) == nil)
        #expect(StripeEvent(json: Array("not json".utf8)) == nil)
        let sid = "SM" + String(repeating: "0f", count: 16)
        #expect(TwilioStatusCallback(parameters: [("MessageSid", sid), ("MessageStatus", "Sent")])?.status == "sent")
        #expect(TwilioStatusCallback(parameters: [("MessageSid", "SM1"), ("MessageStatus", "sent")]) == nil)
        #expect(TwilioStatusCallback(parameters: [("MessageSid", sid)]) == nil)
        #expect(TwilioStatusCallback(parameters: [("MessageSid", sid), ("MessageStatus", "$set")]) == nil)
    }
}
