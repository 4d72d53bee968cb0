import Crypto
public import Foundation

/// Stripe's webhook signature (`Stripe-Signature`): Stripe signs
/// `"{t}.{payload}"` with HMAC-SHA256 under the endpoint's signing secret
/// (`STRIPE_WEBHOOK_SECRET`, `whsec_...`) and sends
/// `t=<unix seconds>,v1=<hex>[,v1=<hex>...]` (several `v1` while a secret is
/// being rolled; `v0` and other schemes are ignored).
/// https://docs.stripe.com/webhooks#verify-manually
///
/// A request is accepted when any `v1` matches, compared in constant time,
/// and its timestamp is within `tolerance` of now (both directions: an old
/// request replayed and a clock far ahead are refused alike). The signature
/// covers the exact bytes received, so the body must be verified before it
/// is parsed.
public struct StripeSignature: Sendable {
    /// The default tolerance, as Stripe's own libraries use.
    public static let defaultTolerance: TimeInterval = 300

    let key: SymmetricKey
    public let tolerance: TimeInterval

    public init(secret: String, tolerance: TimeInterval = defaultTolerance) {
        self.key = SymmetricKey(data: Array(secret.utf8))
        self.tolerance = tolerance
    }

    /// Checks `header` against `payload` at `now`; throws why it is refused.
    public func verify(header: String?, payload: [UInt8], now: Date = Date()) throws(WebhookSignatureError) {
        guard let header, !header.isEmpty else { throw .missing }
        var timestamp: Int64?
        var signatures: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = pair[0].trimmingCharacters(in: .whitespaces)
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            if name == "t" {
                guard let seconds = Int64(value) else { throw .malformed }
                timestamp = seconds
            } else if name == "v1", let bytes = Hex.decode(value) {
                signatures.append(bytes)
            }
        }
        guard let timestamp, !signatures.isEmpty else { throw .malformed }
        let expected = mac(timestamp: timestamp, payload: payload)
        // Every candidate is compared, so the time taken does not say which matched.
        var matched = false
        for signature in signatures where ConstantTime.equals(signature, expected) { matched = true }
        guard matched else { throw .mismatch }
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { throw .stale }
    }

    /// The `v1` MAC of `payload` sent at `timestamp` (seconds since 1970).
    func mac(timestamp: Int64, payload: [UInt8]) -> [UInt8] {
        var authenticator = HMAC<SHA256>(key: key)
        authenticator.update(data: Array("\(timestamp).".utf8))
        authenticator.update(data: payload)
        return Array(authenticator.finalize())
    }

    /// The header Stripe would send for `payload` at `timestamp`: for tests
    /// and for replaying an event by hand.
    public func header(for payload: [UInt8], at timestamp: Int64) -> String {
        "t=\(timestamp),v1=" + Hex.encode(mac(timestamp: timestamp, payload: payload))
    }
}
