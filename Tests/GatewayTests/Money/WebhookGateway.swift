import Gateway
import HummingbirdTesting
import Logging
import MongoStore
import SupportCarrData

/// A gateway over a throw-away database with the webhook routes mounted.
struct WebhookGateway: Sendable {
    static let stripeSecret = "whsec_test_secret_for_the_gateway_tests"
    static let twilioToken = "twilio_test_auth_token_0123456789"
    static let publicURL = "https://hooks.supportcarr.test"

    let database: MongoDatabase
    let gateway: Gateway

    static func with<R>(
        settings: WebhookSettings = WebhookSettings(
            stripeSecret: stripeSecret, twilioAuthToken: twilioToken, publicURL: publicURL),
        logger: Logger = Logger(label: "webhook-test", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (WebhookGateway) async throws -> R
    ) async throws -> R {
        try await GatewayFixture.with { fixture in
            _ = try await Migrator().migrate(fixture.database)
            let gateway = Gateway(
                configuration: fixture.gateway.configuration, schema: try TestSchema.make(calls: TestSchema.Calls()),
                authenticator: fixture.gateway.authenticator, readiness: fixture.gateway.readiness,
                requestExecutor: fixture.client.taskExecutor, logger: logger,
                webhooks: Webhooks(
                    settings: settings, stripe: StripeEventRecorder(database: fixture.database),
                    twilio: TwilioStatusRecorder(database: fixture.database)))
            return try await body(WebhookGateway(database: fixture.database, gateway: gateway))
        }
    }

    func live<R: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> R) async throws -> R {
        try await gateway.makeApplication().test(.live, test)
    }
}
