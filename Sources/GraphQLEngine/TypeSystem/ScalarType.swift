/// A scalar type: a leaf value with its own coercion rules.
/// https://spec.graphql.org/October2021/#sec-Scalars
public final class ScalarType: Sendable, HasAppliedDirectives {
    public let name: String
    public let description: String?
    /// The URL given by `@specifiedBy(url:)`.
    public let specifiedByURL: String?
    /// How values of this scalar are parsed and serialized.
    public let coercion: any ScalarCoercion
    public let directives: [AppliedDirective]
    public let astNode: ScalarTypeDefinition?
    public let extensionASTNodes: [ScalarTypeExtension]

    public init(
        name: String, description: String? = nil, specifiedByURL: String? = nil,
        coercion: any ScalarCoercion = IdentityScalarCoercion(), directives: [AppliedDirective] = [],
        astNode: ScalarTypeDefinition? = nil, extensionASTNodes: [ScalarTypeExtension] = []
    ) {
        self.name = name
        self.description = description
        self.specifiedByURL = specifiedByURL
        self.coercion = coercion
        self.directives = directives
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
    }

    /// Whether this is one of the five scalars the spec defines.
    public var isBuiltIn: Bool { BuiltInScalars.isBuiltIn(name) }
}
