/// One value of an enum type.
///
/// `name` is what clients write and receive; `value` is what resolvers and
/// arguments see inside the server. They are the same (`.string(name)`) unless
/// the layer above maps them (for example `FLAT_TIRE` ↔ stored `"flat_tire"`)
/// through `SchemaBuildOptions.enumValues`.
/// https://spec.graphql.org/October2021/#EnumValueDefinition
public struct GraphQLEnumValue: Sendable, Hashable, HasAppliedDirectives {
    public let name: String
    public let description: String?
    /// The internal value this enum value stands for.
    public let value: JSONValue
    public let deprecationReason: String?
    public let directives: [AppliedDirective]
    public let astNode: EnumValueDefinition?

    public init(
        name: String, description: String? = nil, value: JSONValue? = nil, deprecationReason: String? = nil,
        directives: [AppliedDirective] = [], astNode: EnumValueDefinition? = nil
    ) {
        self.name = name
        self.description = description
        self.value = value ?? .string(name)
        self.deprecationReason = deprecationReason
        self.directives = directives
        self.astNode = astNode
    }

    public var isDeprecated: Bool { deprecationReason != nil }
}
