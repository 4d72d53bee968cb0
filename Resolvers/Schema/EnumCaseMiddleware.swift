public import GraphQLEngine

/// Enum values are stored lower-case (`flat_tire`) and served upper-case
/// (`FLAT_TIRE`), as the top of `Schema.graphql` says. This middleware applies
/// to every field whose type is an enum (or a list of one) and maps what the
/// resolver produced, so no resolver converts enums itself.
///
/// The stored value is matched against the enum's own values (upper-cased
/// stored string); a stored value the schema does not know is left as is, so
/// the executor reports it as an invalid enum value instead of hiding it.
public struct EnumCaseMiddleware: FieldMiddleware {
    let schema: GraphQLSchema

    public init(schema: GraphQLSchema) {
        self.schema = schema
    }

    public func applies(to field: GraphQLField, of type: ObjectType) -> Bool {
        // The introspection types' enums (`__TypeKind`, `__DirectiveLocation`)
        // come from the engine, already in their GraphQL spelling.
        guard !type.name.hasPrefix("__") else { return false }
        if case .enumType? = schema.namedType(of: field.type) { return true }
        return false
    }

    public func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
        try next(field).map(EnumCaseMiddleware.upperCased)
    }

    @Sendable static func upperCased(_ value: ResolvedValue) -> ResolvedValue {
        switch value {
        case .json(.string(let stored)): return .json(.string(stored.uppercased()))
        case .json(.list(let items)):
            return .json(
                .list(
                    items.map { item in
                        if case .string(let stored) = item { return .string(stored.uppercased()) }
                        return item
                    }))
        case .list(let items): return .list(items.map { $0.map(upperCased) })
        default: return value
        }
    }
}
