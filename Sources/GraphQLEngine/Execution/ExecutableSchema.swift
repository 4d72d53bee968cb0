/// A schema together with the code that resolves it: SDL types plus a
/// resolver map (type name → field name → resolver), type resolvers for
/// interfaces and unions, and field middleware.
///
/// Built once at start-up and shared by every request. Building checks the
/// resolver map against the schema (see `DefaultResolution` and
/// `ExecutableSchema.problems`), so a typo in a resolver map fails start-up
/// instead of a request.
public final class ExecutableSchema: Sendable {
    public let schema: GraphQLSchema
    let runtimes: [String: [String: FieldRuntime]]
    let schemaMetaRuntime: FieldRuntime
    let typeMetaRuntime: FieldRuntime
    let typeResolvers: [String: TypeResolver]
    /// The subscribe resolvers of the subscription type's fields (see `subscribe`).
    let subscriptionResolvers: SubscriptionResolverMap
    /// The schema's introspection values, built once (see `IntrospectionIndex`).
    let introspection: IntrospectionIndex
    /// Whether no middleware sees any introspection field (the meta-fields
    /// and the fields of the introspection types): then an introspection-only
    /// operation answers every caller alike, and its answer may be kept
    /// (`IntrospectionAnswers`). A middleware there could answer callers
    /// differently, so with one nothing is kept.
    let introspectionAnswersEveryoneAlike: Bool
    /// Whether errors not meant for clients keep their own text (for tests and
    /// development); otherwise they read "Internal server error".
    public let exposesInternalErrors: Bool

    /// When a field without an entry in the resolver map is acceptable.
    public enum DefaultResolution: Sendable {
        /// Every field may fall back to the parent's same-named property.
        case allowed
        /// Fields of the root types need resolvers; other fields may read properties.
        case allowedBelowRoot
        /// Every field needs a resolver.
        case forbidden
    }

    /// Assembles and checks an executable schema; throws every problem found.
    ///
    /// - Parameter subscriptions: the source stream of each field of the
    ///   subscription type, by field name (`SubscriptionResolver`); each
    ///   event then runs the field's resolver from `resolvers`.
    public init(
        schema: GraphQLSchema, resolvers: ResolverMap = [:], typeResolvers: [String: TypeResolver] = [:],
        subscriptions: SubscriptionResolverMap = [:], middleware: [any FieldMiddleware] = [],
        defaultResolution: DefaultResolution = .allowed, exposesInternalErrors: Bool = false
    ) throws(ExecutableSchemaError) {
        var problems = ExecutableSchema.problems(
            schema: schema, resolvers: resolvers, typeResolvers: typeResolvers, defaultResolution: defaultResolution)
        problems += ExecutableSchema.problems(schema: schema, subscriptions: subscriptions)
        if !problems.isEmpty { throw ExecutableSchemaError(problems: problems) }

        self.schema = schema
        self.typeResolvers = typeResolvers
        self.subscriptionResolvers = subscriptions
        self.exposesInternalErrors = exposesInternalErrors
        let introspectionResolvers = IntrospectionResolvers.resolvers
        var runtimes: [String: [String: FieldRuntime]] = [:]
        for type in schema.types {
            guard case .object(let object) = type else { continue }
            let isIntrospectionType = introspectionResolvers[object.name] != nil
            let own = introspectionResolvers[object.name] ?? resolvers[object.name] ?? [:]
            var fields: [String: FieldRuntime] = [:]
            for field in object.fields where fields[field.name] == nil {
                fields[field.name] = FieldRuntime(
                    definition: field, resolver: own[field.name] ?? .property,
                    shape: OutputShape(field.type, in: schema),
                    middleware: middleware.filter { $0.applies(to: field, of: object) },
                    introspection: isIntrospectionType ? IntrospectionField(type: object.name, field: field.name) : nil)
            }
            runtimes[object.name] = fields
        }
        self.runtimes = runtimes
        let queryType = schema.queryType ?? ObjectType(name: "Query", fields: [])
        func meta(_ field: GraphQLField, _ resolver: FieldResolver, _ introspection: IntrospectionField) -> FieldRuntime
        {
            FieldRuntime(
                definition: field, resolver: resolver, shape: OutputShape(field.type, in: schema),
                middleware: middleware.filter { $0.applies(to: field, of: queryType) }, introspection: introspection)
        }
        self.schemaMetaRuntime = meta(
            IntrospectionTypes.schemaMetaField, IntrospectionResolvers.schemaField, .schemaMeta)
        self.typeMetaRuntime = meta(IntrospectionTypes.typeMetaField, IntrospectionResolvers.typeField, .typeMeta)
        self.introspection = IntrospectionIndex(schema: schema)
        self.introspectionAnswersEveryoneAlike =
            schemaMetaRuntime.middleware.isEmpty && typeMetaRuntime.middleware.isEmpty
            && introspectionResolvers.keys.allSatisfy { name in
                runtimes[name]?.values.allSatisfy { $0.middleware.isEmpty } ?? true
            }
    }

    /// The runtime of a field selected on an object type (meta-fields
    /// `__schema` and `__type` included; `__typename` is answered inline).
    func runtime(field name: String, on type: ObjectType) -> FieldRuntime? {
        if let runtime = runtimes[type.name]?[name] { return runtime }
        guard type.name == schema.queryTypeName else { return nil }
        switch name {
        case IntrospectionTypes.schemaMetaField.name: return schemaMetaRuntime
        case IntrospectionTypes.typeMetaField.name: return typeMetaRuntime
        default: return nil
        }
    }

    /// What is wrong with a resolver map for a schema: resolvers for types or
    /// fields the schema lacks, type resolvers for types that are not abstract,
    /// and fields without a resolver where `defaultResolution` requires one.
    public static func problems(
        schema: GraphQLSchema, resolvers: ResolverMap, typeResolvers: [String: TypeResolver] = [:],
        defaultResolution: DefaultResolution = .allowed
    ) -> [ResolverMapProblem] {
        var problems: [ResolverMapProblem] = []
        for typeName in resolvers.keys.sorted() {
            guard case .object(let object) = schema.type(named: typeName) else {
                problems.append(.unknownType(typeName))
                continue
            }
            for fieldName in (resolvers[typeName] ?? [:]).keys.sorted() where object.field(named: fieldName) == nil {
                problems.append(.unknownField(type: typeName, field: fieldName))
            }
        }
        for typeName in typeResolvers.keys.sorted() where schema.type(named: typeName)?.isAbstractType != true {
            problems.append(.typeResolverForNonAbstractType(typeName))
        }
        let roots = Set([schema.queryTypeName, schema.mutationTypeName, schema.subscriptionTypeName].compactMap { $0 })
        for type in schema.types {
            guard case .object(let object) = type, !IntrospectionTypes.isIntrospectionTypeName(object.name) else {
                continue
            }
            let required: Bool
            switch defaultResolution {
            case .allowed: required = false
            case .allowedBelowRoot: required = roots.contains(object.name)
            case .forbidden: required = true
            }
            guard required else { continue }
            for field in object.fields where resolvers[object.name]?[field.name] == nil {
                problems.append(.missingResolver(type: object.name, field: field.name))
            }
        }
        return problems
    }
}

extension ExecutableSchema {
    /// What is wrong with subscribe resolvers for a schema: one for a field
    /// the subscription type lacks (or with no subscription type at all).
    /// A subscription field without one is refused when subscribed to, not
    /// here: a schema may declare subscriptions a server does not serve.
    public static func problems(schema: GraphQLSchema, subscriptions: SubscriptionResolverMap) -> [ResolverMapProblem] {
        let type: ObjectType?
        if let name = schema.subscriptionTypeName, case .object(let object) = schema.type(named: name) {
            type = object
        } else {
            type = nil
        }
        return subscriptions.keys.sorted().compactMap { name in
            type?.field(named: name) == nil ? .unknownSubscriptionField(name) : nil
        }
    }
}

/// One mismatch between a resolver map and its schema.
public enum ResolverMapProblem: Sendable, Hashable, CustomStringConvertible {
    case unknownType(String)
    case unknownField(type: String, field: String)
    case missingResolver(type: String, field: String)
    case typeResolverForNonAbstractType(String)
    /// A subscribe resolver for a field the subscription type lacks.
    case unknownSubscriptionField(String)

    public var description: String {
        switch self {
        case .unknownType(let type):
            return "Resolvers are given for type \"\(type)\", which is not an object type of the schema."
        case .unknownField(let type, let field):
            return "Resolver \"\(type).\(field)\" has no field \"\(field)\" on type \"\(type)\" in the schema."
        case .missingResolver(let type, let field):
            return "Field \"\(type).\(field)\" has no resolver."
        case .typeResolverForNonAbstractType(let type):
            return "A type resolver is given for \"\(type)\", which is not an interface or union of the schema."
        case .unknownSubscriptionField(let field):
            return
                "A subscribe resolver is given for \"\(field)\", which is not a field of the schema's subscription type."
        }
    }
}

/// The resolver map does not fit the schema.
public struct ExecutableSchemaError: Error, Sendable, CustomStringConvertible {
    public let problems: [ResolverMapProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
