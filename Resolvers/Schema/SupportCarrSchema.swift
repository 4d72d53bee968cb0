public import Enforcement
public import GraphQLEngine
public import MongoStore

/// The gateway's executable schema: `Schema.graphql` with this target's
/// resolvers, checked against each other at start-up.
public enum SupportCarrSchema {
    /// Every area's resolvers, merged (an area may add fields to `Query`),
    /// with `nearbyDrivers` answered by the database alone.
    /// Mutations seal personal data with the development keys.
    public static var resolvers: ResolverMap { resolverMap(locator: nil) }

    /// Every area's resolvers, with `nearbyDrivers` answered from `locator`
    /// while it can (`NearbyDrivers`), and the fields that write, export,
    /// erase or search personal data using `security`'s keys (those the field
    /// pipeline decrypts with).
    public static func resolverMap(locator: DriverLocator?, security: FieldSecurity = .development) -> ResolverMap {
        var merged: ResolverMap = [:]
        let areas: [ResolverMap] = [
            UserResolvers.map, RiderResolvers.map, DriverResolvers.map, NearbyDrivers.map(locator: locator),
            VehicleResolvers.map, RescueResolvers.map, PaymentResolvers.map, PayoutResolvers.map,
            RatingResolvers.map, NotificationResolvers.map, AuditLogResolvers.map, TwilioResolvers.map,
            RescueTransitions.map, LifecycleResolvers.map(locator: locator),
            MoneyResolvers.map, PeopleResolvers.map(sealer: security.sealer),
            UserDataResolvers.map(rights: security.userDataRights), LookupResolvers.map(lookup: security.lookup),
            SubscriptionResolvers.map,
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
    /// - Parameters:
    ///   - security: the key ring and audit recorder: `@requires` is enforced
    ///     by `PermissionMiddleware` and `@encrypted` fields are decrypted by
    ///     `DecryptionMiddleware`, before every other hook. Resolvers stay unchanged.
    ///   - middleware: further hooks, run inside the security ones (tests).
    ///   - locator: the driver locator `nearbyDrivers` answers from while it
    ///     can (the server's, run as a service); nil asks the database every time.
    ///   - hub: the change streams subscriptions follow (the server's, run as
    ///     a service); nil refuses every subscription with `SERVICE_UNAVAILABLE`.
    /// - Throws: `StartupCheckError` naming every field the check refuses;
    ///   `SecuritySchemaError` for a `@requires` outside the catalogue.
    public static func make(
        sdl: String, security: FieldSecurity, middleware: [any FieldMiddleware] = [],
        exposesInternalErrors: Bool = false, locator: DriverLocator? = nil, hub: ChangeStreamHub? = nil
    ) throws -> ExecutableSchema {
        let schema = try buildSchema(sdl: sdl)
        return try make(
            schema: schema,
            resolvers: resolverMap(locator: locator, security: security), security: security,
            middleware: middleware,
            exposesInternalErrors: exposesInternalErrors, hub: hub)
    }

    /// Builds the executable schema from a built schema and a resolver map (tests pass altered maps).
    public static func make(
        schema: GraphQLSchema, resolvers: ResolverMap, security: FieldSecurity, middleware: [any FieldMiddleware] = [],
        exposesInternalErrors: Bool = false, hub: ChangeStreamHub? = nil
    ) throws -> ExecutableSchema {
        let problems = StartupCheck.problems(schema: schema, resolvers: resolvers, typeResolvers: typeResolvers)
        if !problems.isEmpty { throw StartupCheckError(problems: problems) }
        var all = resolvers
        for type in schema.types {
            guard case .object(let object) = type, object.name.hasSuffix("Connection") else { continue }
            all[object.name, default: [:]]["totalCount"] = ConnectionResolvers.totalCount
        }
        // Order: permissions first (they deny before anything runs), then
        // decryption, then the caller's hooks and the stored-value conversions.
        let chain: [any FieldMiddleware] =
            try security.middleware(for: schema) + middleware + [
                JSONScalarMiddleware(), EnumCaseMiddleware(schema: schema),
            ]
        return try ExecutableSchema(
            schema: schema, resolvers: all, typeResolvers: typeResolvers,
            subscriptions: schema.subscriptionTypeName == nil ? [:] : SubscriptionResolvers.subscriptions(hub: hub),
            middleware: chain,
            defaultResolution: .allowed, exposesInternalErrors: exposesInternalErrors)
    }
}
