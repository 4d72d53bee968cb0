public import Security

/// What the webhook routes need: their settings and the handlers that write
/// (`supportcarr serve` wires `SupportCarrData`'s recorders; the gateway
/// verifies and parses, and knows nothing of the collections).
public struct Webhooks: Sendable {
    public var settings: WebhookSettings
    public var stripe: any StripeEventHandler
    public var twilio: any TwilioStatusHandler

    public init(settings: WebhookSettings, stripe: any StripeEventHandler, twilio: any TwilioStatusHandler) {
        self.settings = settings
        self.stripe = stripe
        self.twilio = twilio
    }
}
