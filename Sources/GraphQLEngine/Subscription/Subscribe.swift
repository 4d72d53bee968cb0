/// Subscribing: the spec's Subscribe and CreateSourceEventStream
/// (https://spec.graphql.org/October2021/#sec-Subscription).
///
/// Validation (`SingleFieldSubscriptionsRule`) has made sure the operation
/// selects exactly one root field, and no introspection field; the executor
/// does not rely on it and refuses anything else as a request error.
///
/// What is the same as for queries: variables are coerced the same way, the
/// field's arguments are coerced with the same code, and the root field's
/// middleware runs first (so `@requires` refuses before any stream opens).
/// What is new: the field's `SubscriptionResolver` makes the source stream,
/// and every event is executed later by `Subscription.execute(event:context:)`.
///
/// - Returns: `.subscribed` with the subscription, or `.refused` with request
///   errors (no operation, variables that do not coerce, a refused or failed
///   subscribe resolver): what graphql-js returns as an `ExecutionResult`
///   without `data` in place of the stream.
public func subscribe(
    schema: ExecutableSchema, document: Document, variables: [String: JSONValue] = [:], operationName: String? = nil,
    context: any Sendable = (), rootValue: any FieldSource = EmptyFieldSource(),
    eventTimeout: Duration? = nil
) async -> SubscribeOutcome {
    switch selectOperation(in: document, named: operationName) {
    case .success(let operation):
        return await subscribe(
            schema: schema, document: document, operation: operation, variables: variables, context: context,
            rootValue: rootValue, eventTimeout: eventTimeout, suggestions: true)
    case .failure(let error):
        return .refused([error])
    }
}

/// What subscribing gave.
public enum SubscribeOutcome: Sendable {
    /// The source stream is open; execute its events with `Subscription`.
    case subscribed(Subscription)
    /// Request errors: nothing was opened.
    case refused([GraphQLError])
}

func subscribe(
    schema: ExecutableSchema, document: Document, operation: OperationDefinition, variables: [String: JSONValue],
    context: any Sendable, rootValue: any FieldSource, eventTimeout: Duration?, suggestions: Bool
) async -> SubscribeOutcome {
    let location = [document.source.location(at: operation.loc.start)]
    guard operation.operation == .subscription else {
        return .refused([
            GraphQLError(
                message:
                    "Only subscription operations can be subscribed to; this is a \(operation.operation.rawValue).",
                locations: location,
                extensions: [("code", .string(GraphQLError.Code.operationResolutionFailure))])
        ])
    }
    guard let rootType = schema.schema.rootType(for: .subscription) else {
        return .refused([
            GraphQLError(
                message: "Schema is not configured to execute subscription operation.", locations: location,
                extensions: [("code", .string(GraphQLError.Code.operationResolutionFailure))])
        ])
    }
    let coercion = VariableCoercion(schema: schema.schema, source: document.source, suggestions: suggestions)
    let (coerced, variableErrors) = coercion.coerce(operation.variableDefinitions, inputs: variables)
    if !variableErrors.isEmpty { return .refused(variableErrors) }
    let execution = SubscriptionExecution(
        schema: schema, document: document, operation: operation, rootType: rootType, variables: coerced,
        eventTimeout: eventTimeout)
    return await execution.createSourceEventStream(context: context, rootValue: rootValue)
}

/// One subscription once subscribed: its source stream and what executes
/// each event (https://spec.graphql.org/October2021/#MapSourceToResponseEvent()).
///
/// The transport iterates `sourceStream` and calls `execute(event:context:)`
/// for each event, with the context the event is to be read under: the same
/// as at subscribe time, or a fresh one (a server that re-checks the
/// subscriber's credentials before each event). `responses(context:)` does
/// both with one context.
public struct Subscription: Sendable {
    /// The events, from the field's subscribe resolver.
    public let sourceStream: SourceEventStream
    /// The root field's response key (its alias or name).
    public let fieldName: String
    let execution: SubscriptionExecution

    /// ExecuteSubscriptionEvent
    /// (https://spec.graphql.org/October2021/#ExecuteSubscriptionEvent()):
    /// the subscription's selection set executed with `event` as its root
    /// value, like a query's (level by level, with loaders and the field
    /// middleware), within the event timeout. Nil when the root field's
    /// resolver dropped the event (`SubscriptionEventSkipped`).
    public func execute(event: any FieldSource, context: any Sendable) async -> GraphQLResponse? {
        await execution.executeEvent(event, context: context)
    }

    /// MapSourceToResponseEvent with one context for every event: the
    /// responses in the order of their events, skipped events left out. Ends
    /// when the source stream ends; a source stream that fails ends it with
    /// one last response carrying an internal error.
    public func responses(context: any Sendable) -> AsyncStream<GraphQLResponse> {
        let (stream, continuation) = AsyncStream.makeStream(of: GraphQLResponse.self)
        let subscription = self
        let task = Task {
            do {
                for try await event in subscription.sourceStream {
                    if let response = await subscription.execute(event: event, context: context) {
                        continuation.yield(response)
                    }
                }
            } catch {
                continuation.yield(GraphQLResponse(errors: [Subscription.sourceFailure(error)]))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The error a failed source stream ends a subscription with: its own
    /// text when it is meant for clients, else "Internal server error".
    public static func sourceFailure(_ error: any Error) -> GraphQLError {
        FieldErrors.graphQLError(from: error)
    }
}

/// What a subscription keeps between events: the operation, its coerced
/// variables and where its root field is.
struct SubscriptionExecution: Sendable {
    let schema: ExecutableSchema
    let document: Document
    let operation: OperationDefinition
    let rootType: ObjectType
    let variables: [String: JSONValue]
    let eventTimeout: Duration?
    let fragments: [String: FragmentDefinition]

    init(
        schema: ExecutableSchema, document: Document, operation: OperationDefinition, rootType: ObjectType,
        variables: [String: JSONValue], eventTimeout: Duration?
    ) {
        self.schema = schema
        self.document = document
        self.operation = operation
        self.rootType = rootType
        self.variables = variables
        self.eventTimeout = eventTimeout
        var fragments: [String: FragmentDefinition] = [:]
        for definition in document.definitions {
            if case .fragment(let fragment) = definition, fragments[fragment.name.value] == nil {
                fragments[fragment.name.value] = fragment
            }
        }
        self.fragments = fragments
    }

    private func makeState(context: any Sendable, deadline: ContinuousClock.Instant?) -> ExecutionState {
        ExecutionState(
            schema: schema, document: document, operation: operation, fragments: fragments, variables: variables,
            context: context, deadline: deadline)
    }

    /// CreateSourceEventStream
    /// (https://spec.graphql.org/October2021/#CreateSourceEventStream()):
    /// the one root field, its arguments, its middleware, then its subscribe resolver.
    func createSourceEventStream(context: any Sendable, rootValue: any FieldSource) async -> SubscribeOutcome {
        let state = makeState(context: context, deadline: nil)
        let plan = state.makeObjectPlan(type: rootType, selectionSets: [operation.selectionSet])
        let location = [document.source.location(at: operation.loc.start)]
        guard plan.fields.count == 1, let field = plan.fields.first, let runtime = field.runtime else {
            return .refused([
                GraphQLError(
                    message: "A subscription operation must select exactly one field of \(rootType.name).",
                    locations: location, extensions: [("code", .string(GraphQLError.Code.operationResolutionFailure))])
            ])
        }
        // Lay out the root object so that the field has a slot (and a path).
        let root: ExecutionState.ParentValue
        if let json = rootValue as? JSONValue { root = .json(json) } else { root = .source(rootValue) }
        state.completeObject(plan, source: root, slot: 0)
        let slot = state.tree.slots.count - plan.fields.count
        let located = { (error: GraphQLError) -> GraphQLError in
            var error = error
            if error.locations.isEmpty {
                error.locations = field.fieldNodes.map { document.source.location(at: $0.loc.start) }
            }
            if error.path.isEmpty { error.path = [.key(field.responseKey)] }
            return error
        }
        if case .failure(let error) = field.arguments { return .refused([located(error)]) }
        let context = FieldContext(execution: state, plan: field, parent: rootValue, slot: slot)
        // The field's middleware decides first: a refusal (thrown, or a
        // failure value) refuses the subscription.
        do {
            if case .failure(let error) = try Self.middlewareChain(runtime.middleware, 0, context) {
                return .refused([located(error)])
            }
        } catch {
            return .refused([located(state.responseError(from: error))])
        }
        guard let subscribe = schema.subscriptionResolvers[field.definition.name] else {
            return .refused([
                located(
                    FieldErrors.withCode(
                        "Subscription field \"\(rootType.name).\(field.definition.name)\" has no event source.",
                        GraphQLError.Code.internalServerError))
            ])
        }
        do {
            let stream = try await subscribe(context)
            return .subscribed(Subscription(sourceStream: stream, fieldName: field.responseKey, execution: self))
        } catch {
            return .refused([located(state.responseError(from: error))])
        }
    }

    /// Runs `middleware` from `index` with nothing at the end: only what the
    /// middleware itself decides (refuse, or let through) matters here.
    private static func middlewareChain(_ middleware: [any FieldMiddleware], _ index: Int, _ field: FieldContext)
        throws -> ResolvedValue
    {
        if index == middleware.count { return .null }
        return try middleware[index].resolve(field) { next in try middlewareChain(middleware, index + 1, next) }
    }

    func executeEvent(_ event: any FieldSource, context: any Sendable) async -> GraphQLResponse? {
        let deadline = eventTimeout.map { ContinuousClock.now + $0 }
        let state = makeState(context: context, deadline: deadline)
        await Executor.run(state, rootType: rootType, rootValue: event)
        if state.errors.contains(where: { $0.code == GraphQLError.Code.subscriptionEventSkipped }) { return nil }
        if state.cancelled { return GraphQLResponse(errors: [LimitErrors.timeout]) }
        return GraphQLResponse(
            data: state.tree, errors: state.errors, loaderBatches: state.loaders.batchCount,
            loaderRoundTrips: state.loaders.roundTripCount)
    }
}
