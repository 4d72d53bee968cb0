/// A union type: one of several object types.
/// https://spec.graphql.org/October2021/#sec-Unions
public final class UnionType: Sendable, HasAppliedDirectives {
    public let name: String
    public let description: String?
    /// Names of the member types in order (definition first, then extensions).
    public let types: [String]
    public let directives: [AppliedDirective]
    public let astNode: UnionTypeDefinition?
    public let extensionASTNodes: [UnionTypeExtension]

    public init(
        name: String, description: String? = nil, types: [String], directives: [AppliedDirective] = [],
        astNode: UnionTypeDefinition? = nil, extensionASTNodes: [UnionTypeExtension] = []
    ) {
        self.name = name
        self.description = description
        self.types = types
        self.directives = directives
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
    }
}
