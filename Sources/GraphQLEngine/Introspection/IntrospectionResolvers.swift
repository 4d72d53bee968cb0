/// Resolvers of the introspection types, served by the same executor as
/// every other field (https://spec.graphql.org/October2021/#sec-Introspection).
/// They answer exactly what graphql-js 16 answers, so `buildClientSchema` of
/// our result prints the same schema as graphql-js's own.
///
/// The executor answers these fields itself when it can
/// (`ExecutionState.resolveIntrospection`, which must answer the same); these
/// resolvers run for fields with middleware, and read the same shared
/// values of the schema's `IntrospectionIndex`.
enum IntrospectionResolvers {
    /// `__schema` on the query root.
    static let schemaField = FieldResolver.sync { _ in .object(IntrospectedSchema()) }

    /// `__type(name:)` on the query root.
    static let typeField = FieldResolver.sync { field in
        guard let name = field.arguments["name", as: String.self], let type = index(field).type(named: name) else {
            return .null
        }
        return .object(type)
    }

    static let resolvers: ResolverMap = [
        "__Schema": schemaResolvers,
        "__Type": typeResolvers,
        "__Field": fieldResolvers,
        "__InputValue": inputValueResolvers,
        "__EnumValue": enumValueResolvers,
        "__Directive": directiveResolvers,
    ]

    /// A resolver whose parent is the introspection value `P`.
    private static func on<P>(_ parent: P.Type, _ body: @escaping @Sendable (P, FieldContext) -> ResolvedValue)
        -> FieldResolver
    {
        .sync { field in
            guard let value = exactly(field.parent, as: P.self) else { return .null }
            return body(value, field)
        }
    }

    /// `source` as `P` when `P` is its dynamic type, else nil. Every
    /// introspection field reads its parent this way, so it compares type
    /// metadata instead of running the runtime's general dynamic cast (`as?`),
    /// which cost about a tenth of answering the introspection query.
    /// The introspection values are final classes and a struct: no subclass
    /// or wrapper can stand for `P`, so an exact match is the only match.
    @inline(__always)
    private static func exactly<P>(_ source: any FieldSource, as type: P.Type) -> P? {
        func open<S: FieldSource>(_ value: S) -> P? {
            // Same type, so the reinterpretation is the identity.
            S.self == P.self ? unsafeBitCast(value, to: P.self) : nil
        }
        return open(source)
    }

    private static func index(_ field: FieldContext) -> IntrospectionIndex {
        field.execution.schema.introspection
    }

    private static func text(_ value: String?) -> ResolvedValue {
        value.map { .json(.string($0)) } ?? .null
    }

    private static func type(_ link: IntrospectionTypeLink?, _ field: FieldContext) -> ResolvedValue {
        link.map { .object(index(field).type($0)) } ?? .null
    }

    private static func types(_ positions: [Int]?, _ field: FieldContext) -> ResolvedValue {
        guard let positions else { return .null }
        let types = index(field).types
        return .list(positions.map { .object(types[$0]) })
    }

    private static func objects<Node: FieldSource>(_ list: IntrospectionList<Node>?, _ field: FieldContext)
        -> ResolvedValue
    {
        guard let list else { return .null }
        return .list(list.nodes(includeDeprecated: field.plan.includeDeprecated).map { .object($0) })
    }

    /// `__InputValue.defaultValue`: the coerced default written back as a
    /// literal, as graphql-js does (`astFromValue`, then `print`).
    static func defaultValueText(of value: GraphQLInputValue, in schema: GraphQLSchema) -> String? {
        guard let coerced = schema.defaultValue(of: value) else { return nil }
        return SchemaPrinter(schema: schema).literalText(coerced, type: value.type)
    }

    // MARK: __Schema

    private static let schemaResolvers: [String: FieldResolver] = [
        "description": .sync { field in text(field.schema.description) },
        "types": .sync { field in .list(index(field).types.map { .object($0) }) },
        "queryType": .sync { field in index(field).queryType.map { .object($0) } ?? .null },
        "mutationType": .sync { field in index(field).mutationType.map { .object($0) } ?? .null },
        "subscriptionType": .sync { field in index(field).subscriptionType.map { .object($0) } ?? .null },
        "directives": .sync { field in .list(index(field).directives.map { .object($0) }) },
    ]

    // MARK: __Type

    private static let typeResolvers: [String: FieldResolver] = [
        "kind": on(IntrospectedType.self) { type, _ in .json(.string(type.kind.rawValue)) },
        "name": on(IntrospectedType.self) { type, _ in text(type.named?.name) },
        "description": on(IntrospectedType.self) { type, _ in text(type.named?.typeDescription) },
        "specifiedByURL": on(IntrospectedType.self) { type, _ in
            guard case .scalar(let scalar) = type.named else { return .null }
            return text(scalar.specifiedByURL)
        },
        "fields": on(IntrospectedType.self) { type, field in objects(type.fields, field) },
        "interfaces": on(IntrospectedType.self) { type, field in types(type.interfaces, field) },
        "possibleTypes": on(IntrospectedType.self) { type, field in types(type.possibleTypes, field) },
        "enumValues": on(IntrospectedType.self) { type, field in objects(type.enumValues, field) },
        "inputFields": on(IntrospectedType.self) { type, field in objects(type.inputFields, field) },
        "ofType": on(IntrospectedType.self) { type, field in IntrospectionResolvers.type(type.ofType, field) },
    ]

    // MARK: __Field

    private static let fieldResolvers: [String: FieldResolver] = [
        "name": on(IntrospectedField.self) { value, _ in .json(.string(value.field.name)) },
        "description": on(IntrospectedField.self) { value, _ in text(value.field.description) },
        "args": on(IntrospectedField.self) { value, field in objects(value.arguments, field) },
        "type": on(IntrospectedField.self) { value, field in type(value.type, field) },
        "isDeprecated": on(IntrospectedField.self) { value, _ in .json(.bool(value.field.isDeprecated)) },
        "deprecationReason": on(IntrospectedField.self) { value, _ in text(value.field.deprecationReason) },
    ]

    // MARK: __InputValue

    private static let inputValueResolvers: [String: FieldResolver] = [
        "name": on(IntrospectedInputValue.self) { value, _ in .json(.string(value.inputValue.name)) },
        "description": on(IntrospectedInputValue.self) { value, _ in text(value.inputValue.description) },
        "type": on(IntrospectedInputValue.self) { value, field in type(value.type, field) },
        "defaultValue": on(IntrospectedInputValue.self) { value, field in
            text(defaultValueText(of: value.inputValue, in: field.schema))
        },
        "isDeprecated": on(IntrospectedInputValue.self) { value, _ in .json(.bool(value.inputValue.isDeprecated)) },
        "deprecationReason": on(IntrospectedInputValue.self) { value, _ in text(value.inputValue.deprecationReason) },
    ]

    // MARK: __EnumValue

    private static let enumValueResolvers: [String: FieldResolver] = [
        "name": on(IntrospectedEnumValue.self) { value, _ in .json(.string(value.value.name)) },
        "description": on(IntrospectedEnumValue.self) { value, _ in text(value.value.description) },
        "isDeprecated": on(IntrospectedEnumValue.self) { value, _ in .json(.bool(value.value.isDeprecated)) },
        "deprecationReason": on(IntrospectedEnumValue.self) { value, _ in text(value.value.deprecationReason) },
    ]

    // MARK: __Directive

    private static let directiveResolvers: [String: FieldResolver] = [
        "name": on(IntrospectedDirective.self) { value, _ in .json(.string(value.directive.name)) },
        "description": on(IntrospectedDirective.self) { value, _ in text(value.directive.description) },
        "isRepeatable": on(IntrospectedDirective.self) { value, _ in .json(.bool(value.directive.isRepeatable)) },
        "locations": on(IntrospectedDirective.self) { value, _ in
            .list(value.directive.locations.map { .json(.string($0.rawValue)) })
        },
        "args": on(IntrospectedDirective.self) { value, field in objects(value.arguments, field) },
    ]
}
