/// A directive definition: where a directive may be used and which arguments
/// it takes. Built-in ones are in `BuiltInDirectives`; SDL may define more.
/// https://spec.graphql.org/October2021/#sec-Type-System.Directives
public struct GraphQLDirective: Sendable, Hashable {
    public let name: String
    public let description: String?
    public let locations: [DirectiveLocation]
    public let arguments: [GraphQLInputValue]
    public let isRepeatable: Bool
    public let astNode: DirectiveDefinition?

    public init(
        name: String, description: String? = nil, locations: [DirectiveLocation], arguments: [GraphQLInputValue] = [],
        isRepeatable: Bool = false, astNode: DirectiveDefinition? = nil
    ) {
        self.name = name
        self.description = description
        self.locations = locations
        self.arguments = arguments
        self.isRepeatable = isRepeatable
        self.astNode = astNode
    }

    /// The argument of that name.
    public func argument(named name: String) -> GraphQLInputValue? {
        arguments.first { $0.name == name }
    }
}
