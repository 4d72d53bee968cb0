import Foundation
import Hummingbird
import Logging
import Security

/// `POST /webhooks/stripe` and `POST /webhooks/twilio` (`README.md`,
/// "Webhooks"). They carry no API key: the sender proves itself by signing
/// the request with a secret shared through the environment. Each route:
///
/// - answers 503 while its secret is unset (the sender retries later);
/// - reads the body (at most `WebhookSettings.maxBodyBytes`, else 413);
/// - verifies the signature over the exact bytes received before parsing
///   anything, and answers 400 with nothing written when it fails (wrong
///   secret, stale timestamp, missing or malformed header);
/// - hands the verified event to its handler and answers 200 with the
///   outcome (applied, duplicate, ignored, unmatched), or 500 when the
///   database failed, so the sender delivers again.
///
/// The log line names the route, the outcome and the event's id; the body
/// never reaches the log, the answer or a metric.
enum WebhookRoutes {
    static func add(to router: Router<GatewayRequestContext>, webhooks: Webhooks, logger: Logger) {
        let settings = webhooks.settings
        router.post("/webhooks/stripe") { request, _ -> Response in
            await stripe(request, settings: settings, handler: webhooks.stripe, logger: logger)
        }
        router.post("/webhooks/twilio") { request, _ -> Response in
            await twilio(request, settings: settings, handler: webhooks.twilio, logger: logger)
        }
    }

    /// The body, or nil when it is longer than `limit` or cannot be read.
    static func body(of request: Request, limit: Int) async -> [UInt8]? {
        var bytes: [UInt8] = []
        do {
            for try await buffer in request.body {
                guard bytes.count + buffer.readableBytes <= limit else { return nil }
                bytes += buffer.readableBytesView
            }
        } catch {
            return nil
        }
        return bytes
    }

    static func stripe(
        _ request: Request, settings: WebhookSettings, handler: any StripeEventHandler, logger: Logger
    ) async -> Response {
        guard let secret = settings.stripeSecret else {
            return WebhookAnswer.unavailable(WebhookSettings.Variable.stripeSecret)
        }
        guard let payload = await body(of: request, limit: settings.maxBodyBytes) else { return WebhookAnswer.tooLarge }
        do throws(WebhookSignatureError) {
            try StripeSignature(secret: secret).verify(
                header: request.header("stripe-signature"), payload: payload)
        } catch {
            logger.warning("webhook refused", metadata: ["route": "stripe", "reason": "\(error)"])
            return WebhookAnswer.refused("invalid signature")
        }
        guard let event = StripeEvent(json: payload) else {
            logger.warning("webhook refused", metadata: ["route": "stripe", "reason": "not a Stripe event"])
            return WebhookAnswer.refused("not a Stripe event")
        }
        let identity: Logger.Metadata = ["event": "\(event.id.prefix(100))", "type": "\(event.type.prefix(100))"]
        return await apply(route: "stripe", identity: identity, logger: logger) { try await handler.handle(event) }
    }

    static func twilio(
        _ request: Request, settings: WebhookSettings, handler: any TwilioStatusHandler, logger: Logger
    ) async -> Response {
        guard let token = settings.twilioAuthToken else {
            return WebhookAnswer.unavailable(WebhookSettings.Variable.twilioAuthToken)
        }
        guard let payload = await body(of: request, limit: settings.maxBodyBytes) else { return WebhookAnswer.tooLarge }
        let parameters = FormQuery.pairs(String(decoding: payload, as: UTF8.self))
        let url = signedURL(of: request, settings: settings)
        do throws(WebhookSignatureError) {
            try TwilioSignature(authToken: token).verify(
                header: request.header("x-twilio-signature"), url: url, parameters: parameters)
        } catch {
            logger.warning("webhook refused", metadata: ["route": "twilio", "reason": "\(error)"])
            return WebhookAnswer.refused("invalid signature")
        }
        guard let callback = TwilioStatusCallback(parameters: parameters) else {
            logger.warning("webhook refused", metadata: ["route": "twilio", "reason": "not a status callback"])
            return WebhookAnswer.refused("not a message status callback")
        }
        let identity: Logger.Metadata = [
            "messageSid": "\(callback.messageSid)", "status": "\(callback.status)",
        ]
        return await apply(route: "twilio", identity: identity, logger: logger) { try await handler.handle(callback) }
    }

    /// Hands a verified delivery to its handler and answers with the
    /// outcome, logged with the delivery's ids (never its body); 500 when
    /// the handler failed, so that the sender delivers it again.
    static func apply(
        route: String, identity: Logger.Metadata, logger: Logger,
        _ handle: () async throws -> WebhookOutcome
    ) async -> Response {
        var metadata = identity
        metadata["route"] = "\(route)"
        do {
            let outcome = try await handle()
            metadata["outcome"] = "\(outcome.rawValue)"
            logger.info("webhook", metadata: metadata)
            return WebhookAnswer.received(outcome)
        } catch {
            metadata["error"] = "\(String(reflecting: error))"
            logger.error("webhook failed", metadata: metadata)
            return WebhookAnswer.failed
        }
    }

    /// The URL Twilio signed: the configured public URL (or `http://` and the
    /// request's `Host`) followed by the path and query string as requested.
    static func signedURL(of request: Request, settings: WebhookSettings) -> String {
        let base = settings.publicURL ?? ("http://" + (request.head.authority ?? "localhost"))
        return base + request.uri.description
    }
}

/// A request header by its lower-case name (the first, when repeated).
extension Request {
    func header(_ lowercasedName: String) -> String? {
        headers.first { $0.name.canonicalName == lowercasedName }?.value
    }
}
