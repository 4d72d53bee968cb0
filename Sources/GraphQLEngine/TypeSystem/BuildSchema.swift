/// What the layer above gives the schema builder besides the SDL text.
public struct SchemaBuildOptions: Sendable {
    /// Coercion hooks for custom scalars, by scalar name (`DateTime`, `ObjectID`,
    /// `JSON`, ...). A custom scalar without hooks passes values through unchanged.
    public var scalars: [String: any ScalarCoercion]
    /// Internal values of enum values, by enum name then value name, for enums
    /// whose stored form differs from their GraphQL name (`FLAT_TIRE` ↔ `"flat_tire"`).
    /// Values not listed stand for their own name as a string.
    public var enumValues: [String: [String: JSONValue]]
    /// Skip both the SDL checks and the type-system validation (for SDL that is
    /// known to be valid, such as the engine's own introspection types).
    public var assumeValid: Bool
    /// Parser limits for `buildSchema(sdl:)`. Schemas are trusted input, so
    /// by default there is no token cap.
    public var parseOptions: ParseOptions

    public init(
        scalars: [String: any ScalarCoercion] = [:], enumValues: [String: [String: JSONValue]] = [:],
        assumeValid: Bool = false, parseOptions: ParseOptions = .trusted
    ) {
        self.scalars = scalars
        self.enumValues = enumValues
        self.assumeValid = assumeValid
        self.parseOptions = parseOptions
    }
}

/// Building a schema failed: a syntax error, SDL errors or type-system
/// validation errors. `message` joins them as graphql-js's `buildSchema`
/// does (separated by blank lines).
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    public let errors: [GraphQLError]

    public init(errors: [GraphQLError]) {
        self.errors = errors
    }

    public var message: String { errors.map(\.message).joined(separator: "\n\n") }
    public var description: String { errors.map(\.description).joined(separator: "\n\n") }
}

/// Parses SDL text and builds a validated schema from it.
public func buildSchema(sdl: String, options: SchemaBuildOptions = SchemaBuildOptions()) throws(SchemaError)
    -> GraphQLSchema
{
    let document: Document
    do {
        document = try Parser.parse(Source(sdl, name: "GraphQL SDL"), options: options.parseOptions)
    } catch {
        throw SchemaError(errors: [error])
    }
    return try buildSchema(document, options: options)
}

/// Builds a validated schema from a parsed SDL document, extensions
/// (`extend type ...`) applied.
///
/// The document is checked first (`validateSDL`), the schema is built, then
/// the type system is validated (`validateSchema`); the first stage that
/// finds errors throws them all. Without a `schema { }` definition the root
/// types are the types named `Query`, `Mutation` and `Subscription`.
/// https://spec.graphql.org/October2021/#sec-Root-Operation-Types
public func buildSchema(_ document: Document, options: SchemaBuildOptions = SchemaBuildOptions()) throws(SchemaError)
    -> GraphQLSchema
{
    if !options.assumeValid {
        let sdlErrors = validateSDL(document)
        if !sdlErrors.isEmpty { throw SchemaError(errors: sdlErrors) }
    }
    var builder = SchemaBuilder(document: document, options: options)
    // First without applied directives: their arguments are coerced against
    // the schema's own input types, which must exist first.
    let provisional = builder.build(resolvingDirectivesWith: nil)
    let schema = builder.build(resolvingDirectivesWith: provisional)
    if !options.assumeValid {
        // Type-system errors first; invalid applied-directive arguments only
        // when the types are sound. graphql-js checks those arguments only for
        // `@deprecated` and `@specifiedBy`; we check every directive, since the
        // layers above act on their values (`@requires(permission:)`).
        let errors = validateSchema(schema)
        if !errors.isEmpty { throw SchemaError(errors: errors) }
        if !builder.directiveErrors.isEmpty { throw SchemaError(errors: builder.directiveErrors) }
    }
    return schema
}

/// Turns SDL definitions into schema types (graphql-js's `extendSchemaImpl`
/// applied to an empty schema, in our words).
struct SchemaBuilder {
    let document: Document
    let options: SchemaBuildOptions
    private(set) var directiveErrors: [GraphQLError] = []

    private var typeDefinitions: [TypeDefinitionView] = []
    private var extensionsByName: [String: [TypeDefinitionView]] = [:]
    private var directiveDefinitions: [DirectiveDefinition] = []
    private var schemaDefinition: SchemaDefinition?
    private var schemaExtensions: [SchemaExtension] = []

    /// The schema applied directives are coerced against; nil in the first pass.
    private var lookupSchema: GraphQLSchema?
    /// Whether SDL definitions of built-in scalars and introspection types are
    /// replaced by the engine's own (always, except when building those).
    var replacesStandardTypes = true

    init(document: Document, options: SchemaBuildOptions) {
        self.document = document
        self.options = options
        for definition in document.definitions {
            switch definition {
            case .schema(let node): schemaDefinition = node
            case .schemaExtension(let node): schemaExtensions.append(node)
            case .directive(let node): directiveDefinitions.append(node)
            default:
                guard let view = TypeDefinitionView(definition) else { continue }
                if view.isExtension {
                    extensionsByName[view.name.value, default: []].append(view)
                } else {
                    typeDefinitions.append(view)
                }
            }
        }
    }

    /// The types the document defines, without applied directives and without
    /// a schema around them (for the introspection types, which every schema
    /// contains and so cannot be built as a schema themselves).
    static func standaloneTypes(of document: Document) -> [GraphQLNamedType] {
        var builder = SchemaBuilder(document: document, options: SchemaBuildOptions())
        builder.replacesStandardTypes = false
        return builder.buildTypes()
    }

    private mutating func buildTypes() -> [GraphQLNamedType] {
        var types: [GraphQLNamedType] = []
        var seen = Set<String>()
        for definition in typeDefinitions where seen.insert(definition.name.value).inserted {
            types.append(buildType(definition))
        }
        return types
    }

    mutating func build(resolvingDirectivesWith schema: GraphQLSchema?) -> GraphQLSchema {
        lookupSchema = schema
        directiveErrors = []
        let types = buildTypes()

        var rootNames: [OperationType: String] = [:]
        for operation in (schemaDefinition?.operationTypes ?? []) + schemaExtensions.flatMap(\.operationTypes) {
            rootNames[operation.operation] = operation.type.name.value
        }
        if schemaDefinition == nil {
            for definition in typeDefinitions {
                switch definition.name.value {
                case "Query": rootNames[.query] = "Query"
                case "Mutation": rootNames[.mutation] = "Mutation"
                case "Subscription": rootNames[.subscription] = "Subscription"
                default: break
                }
            }
        }

        var directives: [GraphQLDirective] = []
        for node in directiveDefinitions { directives.append(buildDirective(node)) }
        for builtIn in BuiltInDirectives.all where !directives.contains(where: { $0.name == builtIn.name }) {
            directives.append(builtIn)
        }

        return GraphQLSchema(
            description: schemaDefinition?.description?.value, queryTypeName: rootNames[.query],
            mutationTypeName: rootNames[.mutation], subscriptionTypeName: rootNames[.subscription], types: types,
            directives: directives, astNode: schemaDefinition, extensionASTNodes: schemaExtensions,
            source: document.source,
            appliedDirectives: appliedDirectives(
                (schemaDefinition?.directives ?? []) + schemaExtensions.flatMap(\.directives)))
    }

    // MARK: Types

    private mutating func buildType(_ definition: TypeDefinitionView) -> GraphQLNamedType {
        let name = definition.name.value
        // Built-in and introspection types keep their own definitions.
        if replacesStandardTypes {
            if let builtIn = BuiltInScalars.scalar(named: name) { return .scalar(builtIn) }
            if let introspection = IntrospectionTypes.all.first(where: { $0.name == name }) { return introspection }
        }

        let extensions = extensionsByName[name] ?? []
        let all = [definition] + extensions
        let description = definition.description?.value
        let directives = all.flatMap { appliedDirectives($0.directives) }
        switch definition.definition {
        case .scalarType(let node):
            let specifiedBy = all.reversed().compactMap { self.specifiedByURL($0.directives) }.first
            return .scalar(
                ScalarType(
                    name: name, description: description, specifiedByURL: specifiedBy,
                    coercion: options.scalars[name] ?? IdentityScalarCoercion(), directives: directives,
                    astNode: node, extensionASTNodes: extensions.compactMap(scalarExtension)))
        case .objectType(let node):
            return .object(
                ObjectType(
                    name: name, description: description, fields: all.flatMap { buildFields($0.fields) },
                    interfaces: all.flatMap { $0.interfaces.map(\.name.value) }, directives: directives, astNode: node,
                    extensionASTNodes: extensions.compactMap(objectExtension)))
        case .interfaceType(let node):
            return .interface(
                InterfaceType(
                    name: name, description: description, fields: all.flatMap { buildFields($0.fields) },
                    interfaces: all.flatMap { $0.interfaces.map(\.name.value) }, directives: directives, astNode: node,
                    extensionASTNodes: extensions.compactMap(interfaceExtension)))
        case .unionType(let node):
            return .union(
                UnionType(
                    name: name, description: description, types: all.flatMap { $0.memberTypes.map(\.name.value) },
                    directives: directives, astNode: node, extensionASTNodes: extensions.compactMap(unionExtension)))
        case .enumType(let node):
            let internalValues = options.enumValues[name] ?? [:]
            var values: [GraphQLEnumValue] = []
            for value in all.flatMap(\.values) {
                values.append(
                    GraphQLEnumValue(
                        name: value.name.value, description: value.description?.value,
                        value: internalValues[value.name.value], deprecationReason: deprecationReason(value.directives),
                        directives: appliedDirectives(value.directives), astNode: value))
            }
            return .enumType(
                EnumType(
                    name: name, description: description, values: values, directives: directives, astNode: node,
                    extensionASTNodes: extensions.compactMap(enumExtension)))
        default:
            // Input object (the only kind left).
            let node: InputObjectTypeDefinition?
            if case .inputObjectType(let inputNode) = definition.definition { node = inputNode } else { node = nil }
            return .inputObject(
                InputObjectType(
                    name: name, description: description, fields: all.flatMap { buildInputValues($0.inputFields) },
                    directives: directives, astNode: node, extensionASTNodes: extensions.compactMap(inputExtension)))
        }
    }

    private mutating func buildFields(_ nodes: [FieldDefinition]) -> [GraphQLField] {
        var fields: [GraphQLField] = []
        for node in nodes {
            fields.append(
                GraphQLField(
                    name: node.name.value, description: node.description?.value,
                    arguments: buildInputValues(node.arguments), type: TypeRef(node.type),
                    deprecationReason: deprecationReason(node.directives),
                    directives: appliedDirectives(node.directives),
                    astNode: node))
        }
        return fields
    }

    private mutating func buildInputValues(_ nodes: [InputValueDefinition]) -> [GraphQLInputValue] {
        var values: [GraphQLInputValue] = []
        for node in nodes {
            let type = TypeRef(node.type)
            values.append(
                GraphQLInputValue(
                    name: node.name.value, description: node.description?.value, type: type,
                    defaultValue: node.defaultValue,
                    coercedDefaultValue: node.defaultValue.flatMap { lookupSchema?.coerceLiteral($0, to: type) },
                    deprecationReason: deprecationReason(node.directives),
                    directives: appliedDirectives(node.directives), astNode: node))
        }
        return values
    }

    private mutating func buildDirective(_ node: DirectiveDefinition) -> GraphQLDirective {
        GraphQLDirective(
            name: node.name.value, description: node.description?.value,
            locations: node.locations.compactMap { DirectiveLocation(rawValue: $0.value) },
            arguments: buildInputValues(node.arguments), isRepeatable: node.repeatable, astNode: node)
    }

    // MARK: Applied directives

    /// Coerces each applied directive's arguments against its definition. In
    /// the first pass (no schema yet) there is nothing to coerce against, and
    /// the result is empty.
    private mutating func appliedDirectives(_ nodes: [Directive]) -> [AppliedDirective] {
        guard let schema = lookupSchema else { return [] }
        var applied: [AppliedDirective] = []
        for node in nodes {
            guard let definition = schema.directive(named: node.name.value) else { continue }
            var arguments: [(name: String, value: JSONValue)] = []
            for argumentDefinition in definition.arguments {
                if let given = node.arguments.first(where: { $0.name.value == argumentDefinition.name }) {
                    if let value = schema.coerceLiteral(given.value, to: argumentDefinition.type) {
                        arguments.append((argumentDefinition.name, value))
                    } else {
                        directiveErrors.append(
                            GraphQLError(
                                message:
                                    "Argument \"\(argumentDefinition.name)\" has invalid value \(printLiteral(given.value)).",
                                nodes: [given.value.loc], source: document.source))
                    }
                } else if let defaultValue = schema.defaultValue(of: argumentDefinition) {
                    arguments.append((argumentDefinition.name, defaultValue))
                }
            }
            applied.append(AppliedDirective(name: node.name.value, arguments: arguments, astNode: node))
        }
        return applied
    }

    /// The reason given by `@deprecated`, its default when none is written,
    /// nil when the element is not deprecated.
    private func deprecationReason(_ directives: [Directive]) -> String? {
        guard let deprecated = directives.first(where: { $0.name.value == BuiltInDirectives.deprecated.name }) else {
            return nil
        }
        guard let reason = deprecated.arguments.first(where: { $0.name.value == "reason" }) else {
            return BuiltInDirectives.defaultDeprecationReason
        }
        if case .string(let text) = reason.value { return text.value }
        // `reason: null` reads as not deprecated, as in graphql-js.
        return nil
    }

    private func specifiedByURL(_ directives: [Directive]) -> String? {
        guard let specifiedBy = directives.first(where: { $0.name.value == BuiltInDirectives.specifiedBy.name }),
            let url = specifiedBy.arguments.first(where: { $0.name.value == "url" }),
            case .string(let text) = url.value
        else { return nil }
        return text.value
    }

    // MARK: Extension nodes by kind

    private func scalarExtension(_ view: TypeDefinitionView) -> ScalarTypeExtension? {
        if case .scalarTypeExtension(let node) = view.definition { return node }
        return nil
    }
    private func objectExtension(_ view: TypeDefinitionView) -> ObjectTypeExtension? {
        if case .objectTypeExtension(let node) = view.definition { return node }
        return nil
    }
    private func interfaceExtension(_ view: TypeDefinitionView) -> InterfaceTypeExtension? {
        if case .interfaceTypeExtension(let node) = view.definition { return node }
        return nil
    }
    private func unionExtension(_ view: TypeDefinitionView) -> UnionTypeExtension? {
        if case .unionTypeExtension(let node) = view.definition { return node }
        return nil
    }
    private func enumExtension(_ view: TypeDefinitionView) -> EnumTypeExtension? {
        if case .enumTypeExtension(let node) = view.definition { return node }
        return nil
    }
    private func inputExtension(_ view: TypeDefinitionView) -> InputObjectTypeExtension? {
        if case .inputObjectTypeExtension(let node) = view.definition { return node }
        return nil
    }
}
