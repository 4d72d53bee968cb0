import GraphQLEngine
import Testing

/// Subscription execution (https://spec.graphql.org/October2021/#sec-Subscription):
/// the source stream from the field's subscribe resolver, each event executed
/// as the root value of the selection set through the same middleware as a
/// query, refusals before any stream opens, events dropped by the filter.
@Suite struct SubscriptionTests {
    static let sdl = """
        directive @requires(permission: String!) on FIELD_DEFINITION
        type Rescue { id: ID!, status: String!, note: String @requires(permission: "notes") }
        type Query { ping: String }
        type Subscription {
          rescueUpdated(id: ID!): Rescue! @requires(permission: "rescues")
          ticks(count: Int!): Int
          broken: Int
        }
        schema { query: Query, subscription: Subscription }
        """

    struct Permissions: Sendable { let granted: Set<String> }

    /// Refuses fields whose `@requires` permission the caller lacks.
    struct Guard: FieldMiddleware {
        func applies(to field: GraphQLField, of type: ObjectType) -> Bool { field.hasDirective(named: "requires") }

        func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
            if case .string(let permission)? = field.definition.directive(named: "requires")?.argument("permission"),
                !(try field.context(as: Permissions.self).granted.contains(permission))
            {
                throw GraphQLError(
                    message: "Not allowed to read \(field.parentType.name).\(field.fieldName).",
                    extensions: [("code", .string(GraphQLError.Code.forbidden))])
            }
            return try next(field)
        }
    }

    struct Refusal: ClientFacingError {
        var graphQLError: GraphQLError {
            GraphQLError(message: "No such rescue.", extensions: [("code", .string("NOT_FOUND"))])
        }
    }

    /// Counts calls across tasks.
    final class Calls: Sendable {
        private let box = Box()
        private final class Box: @unchecked Sendable {
            // Written by the subscribe resolver, read after the await that ran it.
            var value = 0
        }
        func increment() { box.value += 1 }
        var value: Int { box.value }
    }

    static let events: [JSONValue] = [
        ["id": "r1", "status": "requested", "note": "flat"],
        ["id": "r2", "status": "matched", "note": "other rider's"],
        ["id": "r1", "status": "accepted", "note": "on the way"],
    ]

    /// `rescueUpdated` follows the events of its `id` only: the resolver drops
    /// the others (`SubscriptionEventSkipped`), as a shared feed's filter does.
    static func schema(subscribed: Calls = Calls()) throws -> ExecutableSchema {
        try ExecutableSchema(
            schema: buildSchema(sdl: sdl),
            resolvers: [
                "Subscription": [
                    "rescueUpdated": .sync { field in
                        guard case .json(.string(let id)) = field.parent.fieldValue(named: "id"),
                            id == field.arguments["id", as: String.self]
                        else { throw SubscriptionEventSkipped() }
                        return .object(field.parent)
                    },
                    "ticks": .sync { field in field.parent.fieldValue(named: "tick") },
                    "broken": .sync { _ in .int(1) },
                ]
            ],
            subscriptions: [
                "rescueUpdated": { field in
                    subscribed.increment()
                    guard field.arguments["id", as: String.self] != "missing" else { throw Refusal() }
                    return SourceEventStream(events.map { $0 as any FieldSource })
                },
                "ticks": { field in
                    let count = field.arguments["count", as: Int.self] ?? 0
                    return SourceEventStream(
                        (0..<count).map { JSONValue.object([("tick", .int($0))]) as any FieldSource })
                },
                "broken": { _ in
                    let (stream, continuation) = AsyncThrowingStream.makeStream(of: JSONValue.self)
                    continuation.yield(["n": 1])
                    continuation.finish(throwing: Refusal())
                    return SourceEventStream(stream)
                },
            ],
            middleware: [Guard()])
    }

    static func subscribe(
        _ query: String, schema: ExecutableSchema, variables: [String: JSONValue] = [:],
        granted: Set<String> = ["rescues", "notes"]
    ) async throws -> SubscribeOutcome {
        await GraphQLEngine.subscribe(
            schema: schema, document: try Parser.parse(query), variables: variables,
            context: Permissions(granted: granted))
    }

    static func responses(_ outcome: SubscribeOutcome, granted: Set<String> = ["rescues", "notes"]) async -> [String] {
        guard case .subscribed(let subscription) = outcome else {
            Issue.record("expected a subscription, got \(outcome)")
            return []
        }
        var texts: [String] = []
        for await response in subscription.responses(context: Permissions(granted: granted)) {
            texts.append(response.jsonString())
        }
        return texts
    }

    static func refusal(_ outcome: SubscribeOutcome) -> String? {
        guard case .refused(let errors) = outcome else { return nil }
        return GraphQLResponse(errors: errors).jsonString()
    }

    @Test func eachEventIsExecutedWithTheEventAsRootValueInOrderAndOthersAreDropped() async throws {
        let outcome = try await Self.subscribe(
            "subscription ($id: ID!) { rescueUpdated(id: $id) { id status note } }", schema: try Self.schema(),
            variables: ["id": "r1"])
        #expect(
            await Self.responses(outcome) == [
                #"{"data":{"rescueUpdated":{"id":"r1","status":"requested","note":"flat"}}}"#,
                #"{"data":{"rescueUpdated":{"id":"r1","status":"accepted","note":"on the way"}}}"#,
            ])
    }

    @Test func eachEventGoesThroughTheFieldMiddlewareWithTheContextOfThatEvent() async throws {
        let outcome = try await Self.subscribe(
            #"subscription { rescueUpdated(id: "r1") { status note } }"#, schema: try Self.schema())
        guard case .subscribed(let subscription) = outcome else {
            Issue.record("not subscribed: \(outcome)")
            return
        }
        let event = Self.events[0]
        let allowed = await subscription.execute(event: event, context: Permissions(granted: ["rescues", "notes"]))
        #expect(allowed?.jsonString() == #"{"data":{"rescueUpdated":{"status":"requested","note":"flat"}}}"#)
        // The same event for a caller who has lost a permission since subscribing.
        let narrowed = await subscription.execute(event: event, context: Permissions(granted: ["rescues"]))
        #expect(
            narrowed?.jsonString()
                == #"{"errors":[{"message":"Not allowed to read Rescue.note.","locations":[{"line":1,"column":49}],"path":["rescueUpdated","note"],"extensions":{"code":"FORBIDDEN"}}],"data":{"rescueUpdated":{"status":"requested","note":null}}}"#
        )
        // Losing the root field's own permission nulls the non-null root: `data` is null.
        let revoked = await subscription.execute(event: event, context: Permissions(granted: []))
        #expect(
            revoked?.jsonString().hasPrefix(#"{"errors":[{"message":"Not allowed to read Subscription.rescueUpdated.""#)
                == true)
        #expect(revoked?.jsonString().hasSuffix(#""data":null}"#) == true)
    }

    @Test func theRootFieldsMiddlewareRefusesBeforeAnyStreamIsOpened() async throws {
        let calls = Calls()
        let outcome = try await Self.subscribe(
            #"subscription { rescueUpdated(id: "r1") { id } }"#, schema: try Self.schema(subscribed: calls),
            granted: [])
        #expect(
            Self.refusal(outcome)
                == #"{"errors":[{"message":"Not allowed to read Subscription.rescueUpdated.","locations":[{"line":1,"column":16}],"path":["rescueUpdated"],"extensions":{"code":"FORBIDDEN"}}]}"#
        )
        #expect(calls.value == 0)
    }

    @Test func aSubscribeResolverThatThrowsRefusesTheSubscriptionAtTheFieldsPath() async throws {
        let outcome = try await Self.subscribe(
            #"subscription { r: rescueUpdated(id: "missing") { id } }"#, schema: try Self.schema())
        #expect(
            Self.refusal(outcome)
                == #"{"errors":[{"message":"No such rescue.","locations":[{"line":1,"column":16}],"path":["r"],"extensions":{"code":"NOT_FOUND"}}]}"#
        )
    }

    @Test func argumentsAndVariablesAreCoercedAsForQueries() async throws {
        let schema = try Self.schema()
        let outcome = try await Self.subscribe(
            "subscription ($n: Int!) { ticks(count: $n) }", schema: schema, variables: ["n": "three"])
        #expect(Self.refusal(outcome)?.contains(#""code":"BAD_USER_INPUT""#) == true)
        let ticks = try await Self.subscribe("subscription { ticks(count: 3) }", schema: schema)
        #expect(
            await Self.responses(ticks) == [
                #"{"data":{"ticks":0}}"#, #"{"data":{"ticks":1}}"#, #"{"data":{"ticks":2}}"#,
            ])
    }

    @Test func aSourceStreamThatFailsEndsWithOneErrorResponse() async throws {
        let outcome = try await Self.subscribe("subscription { broken }", schema: try Self.schema())
        #expect(
            await Self.responses(outcome) == [
                #"{"data":{"broken":1}}"#,
                #"{"errors":[{"message":"No such rescue.","extensions":{"code":"NOT_FOUND"}}]}"#,
            ])
    }

    @Test func queriesAreNotSubscribedToAndSubscriptionsAreNotExecutedOnce() async throws {
        let schema = try Self.schema()
        let query = try await Self.subscribe("{ ping }", schema: schema)
        #expect(Self.refusal(query)?.contains("Only subscription operations can be subscribed to") == true)
        let once = await execute(schema: schema, document: try Parser.parse("subscription { ticks(count: 1) }"))
        #expect(once.jsonString().contains("subscribe to it instead"))
        #expect(once.data == nil)
    }

    @Test func anUnknownOperationOrSeveralRootFieldsAreRequestErrors() async throws {
        let schema = try Self.schema()
        let unnamed = await GraphQLEngine.subscribe(
            schema: schema, document: try Parser.parse("subscription A { broken } subscription B { broken }"))
        #expect(Self.refusal(unnamed)?.contains("Must provide operation name") == true)
        // Validation refuses this document; the executor does not rely on it.
        let two = try await Self.subscribe("subscription { broken ticks(count: 1) }", schema: schema)
        #expect(Self.refusal(two)?.contains("must select exactly one field of Subscription") == true)
    }

    @Test func aFieldWithoutSubscribeResolverIsRefusedAndUnknownOnesFailTheSchema() async throws {
        let schema = try ExecutableSchema(schema: buildSchema(sdl: Self.sdl))
        let outcome = try await Self.subscribe("subscription { broken }", schema: schema)
        #expect(
            Self.refusal(outcome)?.contains(#"Subscription field \"Subscription.broken\" has no event source."#) == true
        )
        #expect(
            ExecutableSchema.problems(
                schema: try buildSchema(sdl: Self.sdl), subscriptions: ["nope": { _ in SourceEventStream([]) }])
                == [.unknownSubscriptionField("nope")])
    }

    @Test func theServiceHoldsSubscriptionsToTheDocumentLimits() async throws {
        let limits = QueryLimits(maxDepth: 1)
        let service = GraphQLService(
            schema: try Self.schema(), validator: { validate(schema: $0, document: $1, suggestions: $2) },
            limits: limits)
        let deep = await service.prepare(GraphQLRequest(query: #"subscription { rescueUpdated(id: "r1") { id } }"#))
        guard case .refused(let errors) = deep else {
            Issue.record("a document over the depth limit was prepared")
            return
        }
        #expect(errors.first?.code == "MAX_DEPTH_EXCEEDED")
        let twoFields = await service.prepare(GraphQLRequest(query: "subscription { broken ticks(count: 1) }"))
        guard case .refused(let invalid) = twoFields else {
            Issue.record("validation let two root fields through")
            return
        }
        #expect(invalid.first?.message.contains("must select only one top level field") == true)
        guard case .ready(let ticks) = await service.prepare(GraphQLRequest(query: "subscription { ticks(count: 2) }"))
        else {
            Issue.record("a valid subscription was refused")
            return
        }
        #expect(await Self.responses(await service.subscribe(ticks, variables: [:])).count == 2)
    }
}
