/// A GraphQL schema: its named types, directives and root operation types.
///
/// Immutable once built and `Sendable`: one schema serves every concurrent
/// request. Lookups the validator and executor make on hot paths (types by
/// name, fields by name, possible types of abstract types, sub-type checks) are
/// precomputed here. Build one from SDL with `buildSchema(_:options:)`.
/// https://spec.graphql.org/October2021/#sec-Schema
public final class GraphQLSchema: Sendable {
    public let description: String?
    /// Name of the query root type, when there is one.
    public let queryTypeName: String?
    public let mutationTypeName: String?
    public let subscriptionTypeName: String?
    /// Every named type, in graphql-js's type-map order: the defined types in
    /// document order, each built-in scalar right after the first type that
    /// uses it, then the introspection types.
    public let types: [GraphQLNamedType]
    /// Directive definitions: those defined in SDL, then the built-in ones not redefined.
    public let directives: [GraphQLDirective]
    public let astNode: SchemaDefinition?
    public let extensionASTNodes: [SchemaExtension]
    /// The text the schema was built from, for locating errors.
    public let source: Source?
    /// Directives applied to the schema definition and its extensions.
    public let appliedDirectives: [AppliedDirective]

    private let typeIndex: [String: GraphQLNamedType]
    private let directiveIndex: [String: GraphQLDirective]
    private let implementationIndex: [String: Implementations]
    private let subTypeIndex: [String: Set<String>]
    private let possibleTypeIndex: [String: [ObjectType]]
    /// The directives' locations and arguments as validation rules look them up.
    let directiveTables: DirectiveTables
    /// `validateSchema(self)`, computed once (see `validationErrors`).
    private let validity = SchemaValidityCache()

    /// The object and interface types implementing an interface.
    public struct Implementations: Sendable {
        public var objects: [ObjectType] = []
        public var interfaces: [InterfaceType] = []
    }

    /// Assembles a schema from already-built types. No validation happens here:
    /// `buildSchema` validates; use `validateSchema(_:)` on hand-built schemas.
    public init(
        description: String? = nil, queryTypeName: String?, mutationTypeName: String? = nil,
        subscriptionTypeName: String? = nil, types definedTypes: [GraphQLNamedType],
        directives: [GraphQLDirective] = BuiltInDirectives.all, astNode: SchemaDefinition? = nil,
        extensionASTNodes: [SchemaExtension] = [], source: Source? = nil, appliedDirectives: [AppliedDirective] = []
    ) {
        self.description = description
        self.queryTypeName = queryTypeName
        self.mutationTypeName = mutationTypeName
        self.subscriptionTypeName = subscriptionTypeName
        self.directives = directives
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        self.source = source
        self.appliedDirectives = appliedDirectives

        var byName: [String: GraphQLNamedType] = [:]
        for type in definedTypes where byName[type.name] == nil {
            byName[type.name] = type
        }
        for type in IntrospectionTypes.all where byName[type.name] == nil {
            byName[type.name] = type
        }
        let ordered = collectTypes(
            defined: definedTypes, directives: directives, introspection: IntrospectionTypes.all, lookup: byName)
        self.types = ordered
        var typeIndex: [String: GraphQLNamedType] = [:]
        for type in ordered where typeIndex[type.name] == nil {
            typeIndex[type.name] = type
        }
        self.typeIndex = typeIndex

        var directiveIndex: [String: GraphQLDirective] = [:]
        for directive in directives where directiveIndex[directive.name] == nil {
            directiveIndex[directive.name] = directive
        }
        self.directiveIndex = directiveIndex
        self.directiveTables = DirectiveTables(directives)

        var implementations: [String: Implementations] = [:]
        for type in ordered {
            switch type {
            case .object(let object):
                for name in object.interfaces {
                    if case .interface = typeIndex[name] {
                        implementations[name, default: .init()].objects.append(object)
                    }
                }
            case .interface(let interface):
                for name in interface.interfaces {
                    if case .interface = typeIndex[name] {
                        implementations[name, default: .init()].interfaces.append(interface)
                    }
                }
            default: break
            }
        }
        self.implementationIndex = implementations

        var subTypes: [String: Set<String>] = [:]
        var possibleTypes: [String: [ObjectType]] = [:]
        for type in ordered {
            switch type {
            case .union(let union):
                subTypes[union.name] = Set(union.types)
                possibleTypes[union.name] = union.types.compactMap { name in
                    if case .object(let object) = typeIndex[name] { return object }
                    return nil
                }
            case .interface(let interface):
                let found = implementations[interface.name] ?? .init()
                subTypes[interface.name] = Set(found.objects.map(\.name) + found.interfaces.map(\.name))
                possibleTypes[interface.name] = found.objects
            default: break
            }
        }
        self.subTypeIndex = subTypes
        self.possibleTypeIndex = possibleTypes
    }

    /// The schema's type-system errors (`validateSchema(_:)`), computed on
    /// first use and then kept: validating a document checks the schema first,
    /// and that must not cost a schema walk per request.
    public var validationErrors: [GraphQLError] {
        validity.errors { SchemaValidator.errors(of: self) }
    }

    // MARK: Lookups

    /// The named type of that name (built-in scalars the schema uses and
    /// introspection types included).
    public func type(named name: String) -> GraphQLNamedType? { typeIndex[name] }

    /// The directive definition of that name.
    public func directive(named name: String) -> GraphQLDirective? { directiveIndex[name] }

    public var queryType: ObjectType? { objectType(named: queryTypeName) }
    public var mutationType: ObjectType? { objectType(named: mutationTypeName) }
    public var subscriptionType: ObjectType? { objectType(named: subscriptionTypeName) }

    /// The root type an operation of that kind starts from.
    public func rootType(for operation: OperationType) -> ObjectType? {
        switch operation {
        case .query: return queryType
        case .mutation: return mutationType
        case .subscription: return subscriptionType
        }
    }

    private func objectType(named name: String?) -> ObjectType? {
        guard let name, case .object(let object) = typeIndex[name] else { return nil }
        return object
    }

    /// The object and interface types that declare they implement `interface`.
    public func implementations(of interface: InterfaceType) -> Implementations {
        implementationIndex[interface.name] ?? Implementations()
    }

    /// The object types a value of an abstract type may have at run time:
    /// a union's members, an interface's implementing objects, an object type
    /// itself; empty for other kinds.
    /// https://spec.graphql.org/October2021/#GetPossibleTypes()
    public func possibleTypes(of type: GraphQLNamedType) -> [ObjectType] {
        switch type {
        case .union, .interface:
            return possibleTypeIndex[type.name] ?? []
        case .object(let object):
            return [object]
        default:
            return []
        }
    }

    /// Whether `maybeSubType` is a member of the union or an implementation
    /// (object or interface) of the interface `abstractType`.
    public func isSubType(_ abstractType: GraphQLNamedType, _ maybeSubType: GraphQLNamedType) -> Bool {
        subTypeIndex[abstractType.name]?.contains(maybeSubType.name) ?? false
    }

    /// Whether `maybeSubType` is a possible type of `abstractType`, by names.
    public func isPossibleType(_ abstractType: GraphQLNamedType, _ objectTypeName: String) -> Bool {
        subTypeIndex[abstractType.name]?.contains(objectTypeName) ?? false
    }
}

/// Orders the schema's types as graphql-js's schema constructor does: each
/// defined type in turn, followed by the types it reaches that are not defined
/// in the document (built-in scalars), then what the directives' arguments
/// reach, then the introspection types.
private func collectTypes(
    defined: [GraphQLNamedType], directives: [GraphQLDirective], introspection: [GraphQLNamedType],
    lookup: [String: GraphQLNamedType]
) -> [GraphQLNamedType] {
    var order: [String] = []
    var seen = Set<String>()
    let definedNames = Set(defined.map(\.name))

    func visit(_ name: String) {
        guard !seen.contains(name) else { return }
        let type = lookup[name] ?? BuiltInScalars.scalar(named: name).map(GraphQLNamedType.scalar)
        guard let type else { return }
        seen.insert(name)
        order.append(name)
        switch type {
        case .union(let union):
            union.types.forEach(visit)
        case .object, .interface:
            type.interfaces.forEach(visit)
            for field in type.fields ?? [] {
                visit(field.type.namedTypeName)
                for argument in field.arguments { visit(argument.type.namedTypeName) }
            }
        case .inputObject(let input):
            for field in input.fields { visit(field.type.namedTypeName) }
        default: break
        }
    }

    // Defined types keep their own places: mark all of them first so a
    // reference does not pull one forward, then walk each in turn.
    var pending = definedNames
    for type in defined where pending.contains(type.name) {
        pending.remove(type.name)
        seen.formUnion(pending)
        visit(type.name)
        seen.subtract(pending)
    }
    for directive in directives {
        for argument in directive.arguments { visit(argument.type.namedTypeName) }
    }
    if introspection.isEmpty {
        // Without introspection types the two scalars they use would be missing.
        visit("String")
        visit("Boolean")
    }
    for type in introspection { visit(type.name) }

    var byName = lookup
    for name in order where byName[name] == nil {
        if let scalar = BuiltInScalars.scalar(named: name) { byName[name] = .scalar(scalar) }
    }
    return order.compactMap { byName[$0] }
}
