import Foundation
public import Security

/// The webhook routes' secrets and the gateway's public address, from the
/// environment (`README.md`, "Webhooks"). A route whose secret is unset is
/// still mounted and answers 503: the sender then retries later, and the
/// start-up log says which secret is missing.
public struct WebhookSettings: Sendable, Equatable {
    public enum Variable {
        public static let stripeSecret = "STRIPE_WEBHOOK_SECRET"
        public static let twilioAuthToken = "TWILIO_AUTH_TOKEN"
        public static let publicURL = "SUPPORTCARR_PUBLIC_URL"
    }

    /// Stripe's endpoint signing secret (`whsec_...`).
    public var stripeSecret: String?
    /// The Twilio account's auth token.
    public var twilioAuthToken: String?
    /// The scheme, host and optional port (and path prefix) Twilio calls the
    /// gateway at, such as `https://api.supportcarr.com`; Twilio's signature
    /// covers that URL, not the one the gateway sees behind a proxy. Nil:
    /// the request's own `Host` over `http`, which only holds without a
    /// proxy (local tests).
    public var publicURL: String?
    /// The largest webhook body read (Stripe's events are a few KiB).
    public var maxBodyBytes: Int

    public init(
        stripeSecret: String? = nil, twilioAuthToken: String? = nil, publicURL: String? = nil,
        maxBodyBytes: Int = 256 * 1024
    ) {
        self.stripeSecret = stripeSecret
        self.twilioAuthToken = twilioAuthToken
        self.publicURL = publicURL
        self.maxBodyBytes = maxBodyBytes
    }

    /// The settings `environment` holds; empty values count as unset. A
    /// public URL must be `http://` or `https://` with a host, and loses a
    /// trailing `/`.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError)
        -> WebhookSettings
    {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                return nil
            }
            return text
        }
        var settings = WebhookSettings(
            stripeSecret: value(Variable.stripeSecret), twilioAuthToken: value(Variable.twilioAuthToken))
        if var url = value(Variable.publicURL) {
            while url.hasSuffix("/") { url.removeLast() }
            let rest = url.hasPrefix("https://") ? url.dropFirst(8) : url.hasPrefix("http://") ? url.dropFirst(7) : nil
            guard let rest, !rest.isEmpty, !rest.hasPrefix("/"), !url.contains("?"), !url.contains("#") else {
                throw ConfigurationError(
                    variable: Variable.publicURL,
                    problem:
                        "must be an http:// or https:// URL with a host and no query, such as https://api.example.com")
            }
            settings.publicURL = url
        }
        return settings
    }

    /// The start-up lines saying which webhook routes cannot verify (and so answer 503).
    public var startupNotices: [String] {
        var lines: [String] = []
        if stripeSecret == nil {
            lines.append("POST /webhooks/stripe answers 503: \(Variable.stripeSecret) is not set")
        }
        if twilioAuthToken == nil {
            lines.append("POST /webhooks/twilio answers 503: \(Variable.twilioAuthToken) is not set")
        } else if publicURL == nil {
            lines.append(
                "POST /webhooks/twilio verifies against the request's own Host: set \(Variable.publicURL) behind a proxy"
            )
        }
        return lines
    }
}
