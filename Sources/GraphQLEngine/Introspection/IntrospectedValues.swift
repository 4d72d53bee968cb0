/// The parents introspection fields resolve on: schema elements wrapped so
/// the executor can pass them down like any other object
/// (https://spec.graphql.org/October2021/#sec-Schema-Introspection).
/// Every introspection field has its own resolver, so these have no
/// properties for the default resolver to read.

/// The `__Schema` object.
struct IntrospectedSchema: FieldSource {
    func fieldValue(named name: String) -> ResolvedValue { .null }
}

/// A `__Type`: a named type, or a list or non-null wrapper around a type reference.
enum IntrospectedType: FieldSource {
    case named(GraphQLNamedType)
    case list(of: TypeRef)
    case nonNull(of: TypeRef)

    func fieldValue(named name: String) -> ResolvedValue { .null }

    /// The `__Type` for a type reference, nil when it names no type of `schema`.
    init?(_ ref: TypeRef, in schema: GraphQLSchema) {
        switch ref {
        case .named(let name):
            guard let type = schema.type(named: name) else { return nil }
            self = .named(type)
        case .list(let inner): self = .list(of: inner)
        case .nonNull(let inner): self = .nonNull(of: inner)
        }
    }

    var named: GraphQLNamedType? {
        if case .named(let type) = self { return type }
        return nil
    }
}

/// A `__Field`.
struct IntrospectedField: FieldSource {
    let field: GraphQLField
    func fieldValue(named name: String) -> ResolvedValue { .null }
}

/// An `__InputValue`: an argument or an input object field.
struct IntrospectedInputValue: FieldSource {
    let inputValue: GraphQLInputValue
    func fieldValue(named name: String) -> ResolvedValue { .null }
}

/// An `__EnumValue`.
struct IntrospectedEnumValue: FieldSource {
    let value: GraphQLEnumValue
    func fieldValue(named name: String) -> ResolvedValue { .null }
}

/// A `__Directive`.
struct IntrospectedDirective: FieldSource {
    let directive: GraphQLDirective
    func fieldValue(named name: String) -> ResolvedValue { .null }
}
