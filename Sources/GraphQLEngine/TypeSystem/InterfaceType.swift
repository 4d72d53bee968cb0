/// An interface type: fields that every implementing object (or interface)
/// must provide. Its possible types are found through the schema
/// (`GraphQLSchema.possibleTypes(of:)`).
/// https://spec.graphql.org/October2021/#sec-Interfaces
public final class InterfaceType: Sendable, HasAppliedDirectives {
    public let name: String
    public let description: String?
    /// Fields in definition order (definition first, then extensions).
    public let fields: [GraphQLField]
    /// Names of the interfaces this interface implements, in order.
    public let interfaces: [String]
    public let directives: [AppliedDirective]
    public let astNode: InterfaceTypeDefinition?
    public let extensionASTNodes: [InterfaceTypeExtension]
    private let fieldIndex: [String: Int]

    public init(
        name: String, description: String? = nil, fields: [GraphQLField], interfaces: [String] = [],
        directives: [AppliedDirective] = [], astNode: InterfaceTypeDefinition? = nil,
        extensionASTNodes: [InterfaceTypeExtension] = []
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
        self.directives = directives
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        self.fieldIndex = firstIndexByName(fields.map(\.name))
    }

    /// The field of that name.
    public func field(named name: String) -> GraphQLField? {
        fieldIndex[name].map { fields[$0] }
    }

    /// Whether the interface declares it implements the named interface.
    public func implements(_ interfaceName: String) -> Bool {
        interfaces.contains(interfaceName)
    }
}
