import GraphQLEngine

/// The rating and money mutations (`README.md`, "Ratings and money"):
/// rating the other side of a completed rescue and refunding a payment.
/// Stripe's and Twilio's webhooks and the weekly payouts are not GraphQL:
/// they live in `SupportCarrData` and the gateway's webhook routes.
enum MoneyResolvers {
    static let map: ResolverMap = [
        "Mutation": [
            "rateRescue": .sync { try RateRescue.resolve($0) },
            "refundPayment": .sync { try RefundPayment.resolve($0) },
        ]
    ]
}
