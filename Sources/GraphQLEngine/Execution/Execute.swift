/// Executes one operation of a parsed (and, normally, validated) document
/// against an executable schema
/// (https://spec.graphql.org/October2021/#sec-Executing-Requests).
///
/// Request errors (no operation to run, variables that cannot be coerced)
/// give a response without `data`; field errors give `data` with nulls where
/// they happened. The executor does not rely on validation having run: an
/// unvalidated document cannot crash it, though it may be answered loosely
/// (fields the type lacks are skipped, as graphql-js does).
///
/// If the calling task is cancelled, or `deadline` passes, execution stops
/// at the next level or resolver boundary and the response is a single
/// `TIMEOUT` error (see `Executor`).
///
/// - Parameters:
///   - context: any per-request value resolvers read through `FieldContext.context(as:)`.
///   - rootValue: the parent of the root fields.
///   - deadline: when to stop (`GraphQLService` sets it from `QueryLimits.executionTimeout`).
public func execute(
    schema: ExecutableSchema, document: Document, variables: [String: JSONValue] = [:], operationName: String? = nil,
    context: any Sendable = (), rootValue: any FieldSource = EmptyFieldSource(),
    deadline: ContinuousClock.Instant? = nil
) async -> GraphQLResponse {
    switch selectOperation(in: document, named: operationName) {
    case .success(let operation):
        return await execute(
            schema: schema, document: document, operation: operation, variables: variables, context: context,
            rootValue: rootValue, deadline: deadline, suggestions: true)
    case .failure(let error):
        return GraphQLResponse(errors: [error])
    }
}

/// Executes `operation` of `document` (already selected).
///
/// - Parameter suggestions: whether errors about the variables may end in
///   "Did you mean ...?" hints, which name schema members.
func execute(
    schema: ExecutableSchema, document: Document, operation: OperationDefinition, variables: [String: JSONValue],
    context: any Sendable, rootValue: any FieldSource, deadline: ContinuousClock.Instant?, suggestions: Bool,
    instrumentation: (any ExecutionInstrumentation)? = nil
) async -> GraphQLResponse {
    guard let rootType = schema.schema.rootType(for: operation.operation) else {
        return GraphQLResponse(errors: [
            GraphQLError(
                message: "Schema is not configured to execute \(operation.operation.rawValue) operation.",
                locations: [document.source.location(at: operation.loc.start)],
                extensions: [("code", .string(GraphQLError.Code.operationResolutionFailure))])
        ])
    }
    // A subscription runs through `subscribe` (Subscription/Subscribe.swift):
    // a stream of events, each executed on its own.
    if operation.operation == .subscription {
        return GraphQLResponse(errors: [
            GraphQLError(
                message: "A subscription operation cannot be executed once; subscribe to it instead.",
                locations: [document.source.location(at: operation.loc.start)],
                extensions: [("code", .string(GraphQLError.Code.operationResolutionFailure))])
        ])
    }
    let coercion = VariableCoercion(schema: schema.schema, source: document.source, suggestions: suggestions)
    let (coercedVariables, variableErrors) = coercion.coerce(operation.variableDefinitions, inputs: variables)
    if !variableErrors.isEmpty { return GraphQLResponse(errors: variableErrors) }
    var fragments: [String: FragmentDefinition] = [:]
    for definition in document.definitions {
        if case .fragment(let fragment) = definition, fragments[fragment.name.value] == nil {
            fragments[fragment.name.value] = fragment
        }
    }
    let state = ExecutionState(
        schema: schema, document: document, operation: operation, fragments: fragments, variables: coercedVariables,
        context: context, deadline: deadline)
    state.instrumentation = instrumentation
    await Executor.run(state, rootType: rootType, rootValue: rootValue)
    // A cancelled execution has holes in its data: answer with the timeout only.
    if state.cancelled { return GraphQLResponse(errors: [LimitErrors.timeout]) }
    return GraphQLResponse(
        data: state.tree, errors: state.errors, loaderBatches: state.loaders.batchCount,
        loaderRoundTrips: state.loaders.roundTripCount, loaderBatchSizes: state.loaders.batchSizes)
}

/// Picks the operation to run
/// (https://spec.graphql.org/October2021/#GetOperation()), with graphql-js 16's messages.
func selectOperation(in document: Document, named name: String?) -> Result<OperationDefinition, GraphQLError> {
    var found: OperationDefinition?
    var count = 0
    for definition in document.definitions {
        guard case .operation(let operation) = definition else { continue }
        if let name {
            if operation.name?.value == name { return .success(operation) }
        } else {
            count += 1
            if found == nil { found = operation }
        }
    }
    func failure(_ message: String) -> Result<OperationDefinition, GraphQLError> {
        .failure(FieldErrors.withCode(message, GraphQLError.Code.operationResolutionFailure))
    }
    if let name { return failure("Unknown operation named \"\(name)\".") }
    guard let found else { return failure("Must provide an operation.") }
    if count > 1 { return failure("Must provide operation name if query contains multiple operations.") }
    return .success(found)
}
