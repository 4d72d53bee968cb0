/// A field of an object or interface type.
/// https://spec.graphql.org/October2021/#FieldDefinition
public struct GraphQLField: Sendable, Hashable, HasAppliedDirectives {
    public let name: String
    public let description: String?
    public let arguments: [GraphQLInputValue]
    public let type: TypeRef
    public let deprecationReason: String?
    public let directives: [AppliedDirective]
    public let astNode: FieldDefinition?

    public init(
        name: String, description: String? = nil, arguments: [GraphQLInputValue] = [], type: TypeRef,
        deprecationReason: String? = nil, directives: [AppliedDirective] = [], astNode: FieldDefinition? = nil
    ) {
        self.name = name
        self.description = description
        self.arguments = arguments
        self.type = type
        self.deprecationReason = deprecationReason
        self.directives = directives
        self.astNode = astNode
    }

    public var isDeprecated: Bool { deprecationReason != nil }

    /// The argument of that name.
    public func argument(named name: String) -> GraphQLInputValue? {
        arguments.first { $0.name == name }
    }
}
