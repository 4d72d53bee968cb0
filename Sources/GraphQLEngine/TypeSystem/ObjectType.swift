/// An object type: a set of named fields, possibly implementing interfaces.
/// https://spec.graphql.org/October2021/#sec-Objects
public final class ObjectType: Sendable, HasAppliedDirectives {
    public let name: String
    public let description: String?
    /// Fields in definition order (definition first, then extensions).
    public let fields: [GraphQLField]
    /// Names of the interfaces this type declares it implements, in order.
    public let interfaces: [String]
    public let directives: [AppliedDirective]
    public let astNode: ObjectTypeDefinition?
    public let extensionASTNodes: [ObjectTypeExtension]
    private let fieldIndex: [String: Int]

    public init(
        name: String, description: String? = nil, fields: [GraphQLField], interfaces: [String] = [],
        directives: [AppliedDirective] = [], astNode: ObjectTypeDefinition? = nil,
        extensionASTNodes: [ObjectTypeExtension] = []
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

    /// The field of that name (meta-fields such as `__typename` are not included).
    public func field(named name: String) -> GraphQLField? {
        fieldIndex[name].map { fields[$0] }
    }

    /// Whether the type declares it implements the named interface.
    public func implements(_ interfaceName: String) -> Bool {
        interfaces.contains(interfaceName)
    }
}

/// The position of the first occurrence of each name: lookups keep the first
/// definition when SDL (invalidly) repeats a name.
func firstIndexByName(_ names: [String]) -> [String: Int] {
    var index: [String: Int] = [:]
    index.reserveCapacity(names.count)
    for (position, name) in names.enumerated() where index[name] == nil {
        index[name] = position
    }
    return index
}
