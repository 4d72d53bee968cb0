public import GraphQLEngine

/// The gateway's executable schema: `Schema.graphql` with this target's
/// resolvers, checked against each other at start-up.
public enum SupportCarrSchema {
    /// Every area's resolvers, merged (an area may add fields to `Query`).
    public static var resolvers: ResolverMap {
        var merged: ResolverMap = [:]
        let areas: [ResolverMap] = [
            UserResolvers.map, RiderResolvers.map, DriverResolvers.map, VehicleResolvers.map, RescueResolvers.map,
            PaymentResolvers.map, PayoutResolvers.map, RatingResolvers.map, NotificationResolvers.map,
            AuditLogResolvers.map, TwilioResolvers.map, RescueTransitions.map,
        ]
        for area in areas {
            for (type, fields) in area { merged[type, default: [:]].merge(fields) { first, _ in first } }
        }
        return merged
    }

    /// `Profile` values are told apart by the loader that read them.
    public static let typeResolvers: [String: TypeResolver] = [
        "Profile": { value, _ in value.runtimeTypeName }
    ]

    /// Builds the executable schema from SDL text.
    ///
    /// - Parameter security: middleware that runs before every other hook, for
    ///   `@requires` checks and decryption (the security issue). It sees every
    ///   field; the resolvers stay unchanged. Without it, encrypted values pass
    ///   through `EncryptedFieldHook` raw.
    /// - Throws: `StartupCheckError` naming every field the check refuses.
    public static func make(
        sdl: String, security: [any FieldMiddleware] = [], exposesInternalErrors: Bool = false
    ) throws -> ExecutableSchema {
        let schema = try buildSchema(sdl: sdl)
        return try make(schema: schema, resolvers: resolvers, security: security, exposesInternalErrors: exposesInternalErrors)
    }

    /// Builds the executable schema from a built schema and a resolver map (tests pass altered maps).
    public static func make(
        schema: GraphQLSchema, resolvers: ResolverMap, security: [any FieldMiddleware] = [],
        exposesInternalErrors: Bool = false
    ) throws -> ExecutableSchema {
        let problems = StartupCheck.problems(schema: schema, resolvers: resolvers, typeResolvers: typeResolvers)
        if !problems.isEmpty { throw StartupCheckError(problems: problems) }
        var all = resolvers
        for type in schema.types {
            guard case .object(let object) = type, object.name.hasSuffix("Connection") else { continue }
            all[object.name, default: [:]]["totalCount"] = ConnectionResolvers.totalCount
        }
        // Order: security first (it may deny before anything runs), then the
        // raw-ciphertext hook, then the stored-value conversions.
        let middleware: [any FieldMiddleware] =
            security + [EncryptedFieldHook(), JSONScalarMiddleware(), EnumCaseMiddleware(schema: schema)]
        return try ExecutableSchema(
            schema: schema, resolvers: all, typeResolvers: typeResolvers, middleware: middleware,
            defaultResolution: .allowed, exposesInternalErrors: exposesInternalErrors)
    }
}
