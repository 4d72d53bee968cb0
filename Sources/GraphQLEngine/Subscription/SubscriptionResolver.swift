/// Makes the source stream of one field of the schema's subscription type:
/// the spec's ResolveFieldEventStream
/// (https://spec.graphql.org/October2021/#ResolveFieldEventStream()).
///
/// It runs once per subscription, with the field's coerced arguments and the
/// request's context, after the field's middleware has let the field through
/// (so a `@requires` check refuses a subscription before any stream is
/// opened). What it throws refuses the subscription with that error at the
/// field's path; a `ClientFacingError` keeps its text, anything else reads
/// "Internal server error".
///
/// Each event the stream yields is then executed as the root value of the
/// subscription's selection set, running the field's ordinary resolver from
/// the `ResolverMap` (by default the event's same-named property) through the
/// same middleware as a query's fields.
public typealias SubscriptionResolver = @Sendable (FieldContext) async throws -> SourceEventStream

/// Subscribe resolvers by field name of the schema's subscription type.
public typealias SubscriptionResolverMap = [String: SubscriptionResolver]

/// Thrown (or returned as `.failure`) by a subscription root field's resolver
/// for an event the subscriber must not receive: the event is dropped, no
/// response is produced for it, and the subscription goes on.
///
/// The spec maps every source event to a response event
/// (https://spec.graphql.org/October2021/#MapSourceToResponseEvent()); a
/// filter is what servers add so that one shared source can serve many
/// subscribers, each receiving only what it may see, decided when the event
/// is executed with the subscriber's own context (a row the caller can no
/// longer read, a change that is not theirs).
public struct SubscriptionEventSkipped: ClientFacingError, Sendable {
    public init() {}

    public var graphQLError: GraphQLError {
        GraphQLError(
            message: "The event is not for this subscriber.",
            extensions: [("code", .string(GraphQLError.Code.subscriptionEventSkipped))])
    }
}

extension GraphQLError.Code {
    /// Marks a dropped subscription event (`SubscriptionEventSkipped`); never sent to a client.
    public static let subscriptionEventSkipped = "SUBSCRIPTION_EVENT_SKIPPED"
}
