/// What became of a verified webhook delivery; the gateway answers 200 in
/// every case (the sender must not retry) and logs it.
public enum WebhookOutcome: String, Sendable, Equatable {
    /// The delivery changed the data.
    case applied
    /// Seen before (the same event id or the same callback): nothing changed.
    case duplicate
    /// A type the gateway does not act on.
    case ignored
    /// It names nothing stored (an unknown PaymentIntent), or its state is
    /// already past what it reports (a late `succeeded` after a refund).
    case unmatched
}

/// Applies a verified Stripe event to the data. The gateway verifies and
/// parses; the implementation (the CLI wires `SupportCarrData`'s) writes.
public protocol StripeEventHandler: Sendable {
    func handle(_ event: StripeEvent) async throws -> WebhookOutcome
}

/// Records a verified Twilio status callback.
public protocol TwilioStatusHandler: Sendable {
    func handle(_ callback: TwilioStatusCallback) async throws -> WebhookOutcome
}
