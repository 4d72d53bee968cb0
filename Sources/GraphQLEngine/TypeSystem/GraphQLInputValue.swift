/// An argument of a field or directive, or a field of an input object: both are
/// "input values" in the spec and have the same shape.
/// https://spec.graphql.org/October2021/#InputValueDefinition
public struct GraphQLInputValue: Sendable, Hashable, HasAppliedDirectives {
    public let name: String
    public let description: String?
    public let type: TypeRef
    /// The default as written in SDL (a constant literal), nil when there is none.
    /// Note that `= null` is a default (the null literal), unlike no default.
    public let defaultValue: Value?
    /// The default already coerced to `type`, when the builder could coerce it
    /// (read it through `GraphQLSchema.defaultValue(of:)`, which falls back to
    /// coercing `defaultValue`).
    public let coercedDefaultValue: JSONValue?
    public let deprecationReason: String?
    public let directives: [AppliedDirective]
    public let astNode: InputValueDefinition?

    public init(
        name: String, description: String? = nil, type: TypeRef, defaultValue: Value? = nil,
        coercedDefaultValue: JSONValue? = nil, deprecationReason: String? = nil, directives: [AppliedDirective] = [],
        astNode: InputValueDefinition? = nil
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.defaultValue = defaultValue
        self.coercedDefaultValue = coercedDefaultValue
        self.deprecationReason = deprecationReason
        self.directives = directives
        self.astNode = astNode
    }

    public var isDeprecated: Bool { deprecationReason != nil }

    /// A required argument or input field: non-null and without a default.
    /// https://spec.graphql.org/October2021/#sec-Required-Arguments
    public var isRequired: Bool { type.isNonNull && defaultValue == nil }
}
