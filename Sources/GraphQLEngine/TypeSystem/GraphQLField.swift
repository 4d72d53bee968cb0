/// A field of an object or interface type.
/// https://spec.graphql.org/October2021/#FieldDefinition
///
/// A value type whose contents live in one shared, immutable box: validation
/// and execution pass field definitions around on every selected field, and
/// copying one is then a single reference count instead of one per member
/// (the AST node alone holds several).
public struct GraphQLField: Sendable, Hashable, HasAppliedDirectives {
    private final class Storage: Sendable {
        let name: String
        let description: String?
        let arguments: [GraphQLInputValue]
        let type: TypeRef
        let deprecationReason: String?
        let directives: [AppliedDirective]
        let astNode: FieldDefinition?

        init(
            name: String, description: String?, arguments: [GraphQLInputValue], type: TypeRef,
            deprecationReason: String?, directives: [AppliedDirective], astNode: FieldDefinition?
        ) {
            self.name = name
            self.description = description
            self.arguments = arguments
            self.type = type
            self.deprecationReason = deprecationReason
            self.directives = directives
            self.astNode = astNode
        }
    }

    private let storage: Storage

    public var name: String { storage.name }
    public var description: String? { storage.description }
    public var arguments: [GraphQLInputValue] { storage.arguments }
    public var type: TypeRef { storage.type }
    public var deprecationReason: String? { storage.deprecationReason }
    public var directives: [AppliedDirective] { storage.directives }
    public var astNode: FieldDefinition? { storage.astNode }

    public init(
        name: String, description: String? = nil, arguments: [GraphQLInputValue] = [], type: TypeRef,
        deprecationReason: String? = nil, directives: [AppliedDirective] = [], astNode: FieldDefinition? = nil
    ) {
        storage = Storage(
            name: name, description: description, arguments: arguments, type: type,
            deprecationReason: deprecationReason, directives: directives, astNode: astNode)
    }

    public var isDeprecated: Bool { storage.deprecationReason != nil }

    /// The argument of that name.
    public func argument(named name: String) -> GraphQLInputValue? {
        storage.arguments.first { $0.name == name }
    }

    /// Equal when every member is (as a plain struct of these members would be).
    public static func == (lhs: GraphQLField, rhs: GraphQLField) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.name == rhs.name && lhs.description == rhs.description && lhs.arguments == rhs.arguments
            && lhs.type == rhs.type && lhs.deprecationReason == rhs.deprecationReason
            && lhs.directives == rhs.directives && lhs.astNode == rhs.astNode
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(description)
        hasher.combine(arguments)
        hasher.combine(type)
        hasher.combine(deprecationReason)
        hasher.combine(directives)
        hasher.combine(astNode)
    }
}
