/// The introspection types (`__Schema`, `__Type`, ...) every schema contains.
/// https://spec.graphql.org/October2021/#sec-Schema-Introspection
public enum IntrospectionTypes {
    /// All of them, in graphql-js's order. (Filled in once the SDL builder can parse them.)
    public static let all: [GraphQLNamedType] = []

    /// Whether the name is one of the introspection type names.
    public static func isIntrospectionTypeName(_ name: String) -> Bool {
        names.contains(name)
    }

    /// The names in graphql-js's order.
    static let orderedNames = [
        "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__InputValue", "__EnumValue",
        "__TypeKind",
    ]

    static let names = Set(orderedNames)
}
