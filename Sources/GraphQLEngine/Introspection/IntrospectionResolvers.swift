/// Resolvers of the introspection types, served by the same executor as
/// every other field (https://spec.graphql.org/October2021/#sec-Introspection).
/// They answer exactly what graphql-js 16 answers, so `buildClientSchema` of
/// our result prints the same schema as graphql-js's own.
enum IntrospectionResolvers {
    /// `__schema` on the query root.
    static let schemaField = FieldResolver.sync { _ in .object(IntrospectedSchema()) }

    /// `__type(name:)` on the query root.
    static let typeField = FieldResolver.sync { field in
        guard let name = field.arguments["name", as: String.self], let type = field.schema.type(named: name) else {
            return .null
        }
        return .object(IntrospectedType.named(type))
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

    private static func text(_ value: String?) -> ResolvedValue {
        value.map { .json(.string($0)) } ?? .null
    }

    private static func type(_ ref: TypeRef, _ field: FieldContext) -> ResolvedValue {
        IntrospectedType(ref, in: field.schema).map { .object($0) } ?? .null
    }

    private static func types(_ names: [String], _ field: FieldContext) -> ResolvedValue {
        .list(names.compactMap { field.schema.type(named: $0).map { .object(IntrospectedType.named($0)) } })
    }

    private static func includeDeprecated(_ field: FieldContext) -> Bool {
        field.arguments["includeDeprecated", as: Bool.self] ?? false
    }

    private static func inputValues(_ values: [GraphQLInputValue], _ field: FieldContext) -> ResolvedValue {
        let include = includeDeprecated(field)
        return .list(
            values.filter { include || !$0.isDeprecated }.map { .object(IntrospectedInputValue(inputValue: $0)) })
    }

    // MARK: __Schema

    private static let schemaResolvers: [String: FieldResolver] = [
        "description": .sync { field in text(field.schema.description) },
        "types": .sync { field in .list(field.schema.types.map { .object(IntrospectedType.named($0)) }) },
        "queryType": .sync { field in
            field.schema.queryType.map { .object(IntrospectedType.named(.object($0))) } ?? .null
        },
        "mutationType": .sync { field in
            field.schema.mutationType.map { .object(IntrospectedType.named(.object($0))) } ?? .null
        },
        "subscriptionType": .sync { field in
            field.schema.subscriptionType.map { .object(IntrospectedType.named(.object($0))) } ?? .null
        },
        "directives": .sync { field in
            .list(field.schema.directives.map { .object(IntrospectedDirective(directive: $0)) })
        },
    ]

    // MARK: __Type

    private static let typeResolvers: [String: FieldResolver] = [
        "kind": on(IntrospectedType.self) { type, _ in
            switch type.shape {
            case .named(let named): return .json(.string(named.kind.rawValue))
            case .list: return .json(.string(TypeKind.list.rawValue))
            case .nonNull: return .json(.string(TypeKind.nonNull.rawValue))
            }
        },
        "name": on(IntrospectedType.self) { type, _ in text(type.named?.name) },
        "description": on(IntrospectedType.self) { type, _ in text(type.named?.typeDescription) },
        "specifiedByURL": on(IntrospectedType.self) { type, _ in
            guard case .scalar(let scalar) = type.named else { return .null }
            return text(scalar.specifiedByURL)
        },
        "fields": on(IntrospectedType.self) { type, field in
            guard let fields = type.named?.fields else { return .null }
            let include = includeDeprecated(field)
            return .list(fields.filter { include || !$0.isDeprecated }.map { .object(IntrospectedField(field: $0)) })
        },
        "interfaces": on(IntrospectedType.self) { type, field in
            switch type.named {
            case .object, .interface: return types(type.named?.interfaces ?? [], field)
            default: return .null
            }
        },
        "possibleTypes": on(IntrospectedType.self) { type, field in
            guard let named = type.named, named.isAbstractType else { return .null }
            return .list(field.schema.possibleTypes(of: named).map { .object(IntrospectedType.named(.object($0))) })
        },
        "enumValues": on(IntrospectedType.self) { type, field in
            guard case .enumType(let enumType) = type.named else { return .null }
            let include = includeDeprecated(field)
            return .list(
                enumType.values.filter { include || !$0.isDeprecated }.map { .object(IntrospectedEnumValue(value: $0)) }
            )
        },
        "inputFields": on(IntrospectedType.self) { type, field in
            guard case .inputObject(let input) = type.named else { return .null }
            return inputValues(input.fields, field)
        },
        "ofType": on(IntrospectedType.self) { type, field in
            switch type.shape {
            case .named: return .null
            case .list(let inner), .nonNull(let inner): return IntrospectionResolvers.type(inner, field)
            }
        },
    ]

    // MARK: __Field

    private static let fieldResolvers: [String: FieldResolver] = [
        "name": on(IntrospectedField.self) { value, _ in .json(.string(value.field.name)) },
        "description": on(IntrospectedField.self) { value, _ in text(value.field.description) },
        "args": on(IntrospectedField.self) { value, field in inputValues(value.field.arguments, field) },
        "type": on(IntrospectedField.self) { value, field in type(value.field.type, field) },
        "isDeprecated": on(IntrospectedField.self) { value, _ in .json(.bool(value.field.isDeprecated)) },
        "deprecationReason": on(IntrospectedField.self) { value, _ in text(value.field.deprecationReason) },
    ]

    // MARK: __InputValue

    private static let inputValueResolvers: [String: FieldResolver] = [
        "name": on(IntrospectedInputValue.self) { value, _ in .json(.string(value.inputValue.name)) },
        "description": on(IntrospectedInputValue.self) { value, _ in text(value.inputValue.description) },
        "type": on(IntrospectedInputValue.self) { value, field in type(value.inputValue.type, field) },
        "defaultValue": on(IntrospectedInputValue.self) { value, field in
            // graphql-js: the coerced default written back as a literal (`astFromValue`, then `print`).
            guard let coerced = field.schema.defaultValue(of: value.inputValue) else { return .null }
            return text(SchemaPrinter(schema: field.schema).literalText(coerced, type: value.inputValue.type))
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
        "args": on(IntrospectedDirective.self) { value, field in inputValues(value.directive.arguments, field) },
    ]
}
