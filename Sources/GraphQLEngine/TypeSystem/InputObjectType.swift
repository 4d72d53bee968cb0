/// An input object type: a set of named input fields, for arguments.
/// https://spec.graphql.org/October2021/#sec-Input-Objects
public final class InputObjectType: Sendable, HasAppliedDirectives {
    public let name: String
    public let description: String?
    /// Fields in definition order (definition first, then extensions).
    public let fields: [GraphQLInputValue]
    public let directives: [AppliedDirective]
    public let astNode: InputObjectTypeDefinition?
    public let extensionASTNodes: [InputObjectTypeExtension]
    private let fieldIndex: [String: Int]

    public init(
        name: String, description: String? = nil, fields: [GraphQLInputValue], directives: [AppliedDirective] = [],
        astNode: InputObjectTypeDefinition? = nil, extensionASTNodes: [InputObjectTypeExtension] = []
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.directives = directives
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        self.fieldIndex = firstIndexByName(fields.map(\.name))
    }

    /// The input field of that name.
    public func field(named name: String) -> GraphQLInputValue? {
        fieldIndex[name].map { fields[$0] }
    }
}
