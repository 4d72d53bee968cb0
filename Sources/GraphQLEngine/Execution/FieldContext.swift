/// Everything a resolver knows about the field it resolves (graphql-js's
/// `ResolveInfo` plus the parent and the arguments).
///
/// Cheap to make: it refers to the execution and to the field's plan (shared
/// by every object of the same selection), so the executor creates one per
/// field without copying definitions, arguments or paths. The path is worked
/// out only when asked for.
public struct FieldContext: Sendable {
    let execution: ExecutionState
    let plan: FieldPlan
    /// The object the field is selected on.
    public let parent: any FieldSource
    let slot: Int

    /// The coerced arguments: `field.arguments["first", as: Int.self]`.
    public var arguments: ArgumentValues { plan.argumentValues }

    /// The field's definition in the schema, with its applied directives
    /// (`definition.directive(named: "requires")`).
    public var definition: GraphQLField { plan.definition }

    public var fieldName: String { plan.definition.name }

    /// The object type the field belongs to.
    public var parentType: ObjectType { plan.parentType }

    /// The key the field has in the response (its alias, or its name).
    public var responseKey: String { plan.responseKey }

    /// The field's nodes in the document (several when merged).
    public var fieldNodes: [Field] { plan.fieldNodes }

    /// The response path of this field, for example `["rescues", 3, "driver"]`.
    public var path: [PathComponent] { execution.path(of: slot) }

    /// The per-request value the caller passed to `execute` (API key, roles,
    /// database handles...).
    public var context: any Sendable { execution.context }

    /// The request context as the type the caller passed.
    public func context<C>(as type: C.Type) throws(GraphQLError) -> C {
        guard let typed = execution.context as? C else {
            throw FieldErrors.withCode(FieldErrors.internalMessage, GraphQLError.Code.internalServerError)
        }
        return typed
    }

    public var schema: GraphQLSchema { execution.schema.schema }
    public var operation: OperationDefinition { execution.operation }
    /// The operation's coerced variable values.
    public var variables: [String: JSONValue] { execution.variables }

    // MARK: Loaders

    /// The value `loader` has for `key`, made into a field value by `then`
    /// (nil: the loader had nothing for the key).
    public func load<L: Loader>(
        _ loader: L, key: L.Key, then: @escaping @Sendable (L.Value?) throws -> ResolvedValue
    ) -> ResolvedValue {
        .pending(PendingLoad(KeyedLoad(loader: loader, key: key, then: then)))
    }

    /// The object `loader` has for `key` (null when it has none).
    public func load<L: Loader>(_ loader: L, key: L.Key) -> ResolvedValue where L.Value: FieldSource {
        load(loader, key: key) { value in value.map { .object($0) } ?? .null }
    }

    /// A JSON value (leaf, list or object alike) by key (null when missing).
    public func load<L: Loader>(_ loader: L, key: L.Key) -> ResolvedValue where L.Value == JSONValue {
        load(loader, key: key) { value in value.map { .json($0) } ?? .null }
    }

    /// A value that is already a field value.
    public func load<L: Loader>(_ loader: L, key: L.Key) -> ResolvedValue where L.Value == ResolvedValue {
        load(loader, key: key) { value in value ?? .null }
    }

    /// A list of objects by keys, all in the same batch (missing ones are null).
    public func loadMany<L: Loader>(_ loader: L, keys: [L.Key]) -> ResolvedValue where L.Value: FieldSource {
        .list(keys.map { load(loader, key: $0) })
    }
}
