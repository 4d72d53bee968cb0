/// An argument of a field or directive, or a field of an input object: both are
/// "input values" in the spec and have the same shape.
/// https://spec.graphql.org/October2021/#InputValueDefinition
public struct GraphQLInputValue: Sendable, Hashable, HasAppliedDirectives {
    // The members live in one shared, immutable box, so a copy (validation
    // and introspection copy arguments on every use) is one reference count.
    private final class Storage: Sendable {
        let name: String
        let description: String?
        let type: TypeRef
        let defaultValue: Value?
        let coercedDefaultValue: JSONValue?
        let deprecationReason: String?
        let directives: [AppliedDirective]
        let astNode: InputValueDefinition?

        init(
            name: String, description: String?, type: TypeRef, defaultValue: Value?, coercedDefaultValue: JSONValue?,
            deprecationReason: String?, directives: [AppliedDirective], astNode: InputValueDefinition?
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
    }

    private let storage: Storage

    public var name: String { storage.name }
    public var description: String? { storage.description }
    public var type: TypeRef { storage.type }
    /// The default as written in SDL (a constant literal), nil when there is none.
    /// Note that `= null` is a default (the null literal), unlike no default.
    public var defaultValue: Value? { storage.defaultValue }
    /// The default already coerced to `type`, when the builder could coerce it
    /// (read it through `GraphQLSchema.defaultValue(of:)`, which falls back to
    /// coercing `defaultValue`).
    public var coercedDefaultValue: JSONValue? { storage.coercedDefaultValue }
    public var deprecationReason: String? { storage.deprecationReason }
    public var directives: [AppliedDirective] { storage.directives }
    public var astNode: InputValueDefinition? { storage.astNode }

    public init(
        name: String, description: String? = nil, type: TypeRef, defaultValue: Value? = nil,
        coercedDefaultValue: JSONValue? = nil, deprecationReason: String? = nil, directives: [AppliedDirective] = [],
        astNode: InputValueDefinition? = nil
    ) {
        storage = Storage(
            name: name, description: description, type: type, defaultValue: defaultValue,
            coercedDefaultValue: coercedDefaultValue, deprecationReason: deprecationReason, directives: directives,
            astNode: astNode)
    }

    public var isDeprecated: Bool { storage.deprecationReason != nil }

    /// A required argument or input field: non-null and without a default.
    /// https://spec.graphql.org/October2021/#sec-Required-Arguments
    public var isRequired: Bool { storage.type.isNonNull && storage.defaultValue == nil }

    /// Equal when every member is (as a plain struct of these members would be).
    public static func == (lhs: GraphQLInputValue, rhs: GraphQLInputValue) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.name == rhs.name && lhs.description == rhs.description && lhs.type == rhs.type
            && lhs.defaultValue == rhs.defaultValue && lhs.coercedDefaultValue == rhs.coercedDefaultValue
            && lhs.deprecationReason == rhs.deprecationReason && lhs.directives == rhs.directives
            && lhs.astNode == rhs.astNode
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(description)
        hasher.combine(type)
        hasher.combine(defaultValue)
        hasher.combine(coercedDefaultValue)
        hasher.combine(deprecationReason)
        hasher.combine(directives)
        hasher.combine(astNode)
    }
}
