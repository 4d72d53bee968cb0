/// The parents introspection fields resolve on: schema elements wrapped so
/// the executor can pass them down like any other object
/// (https://spec.graphql.org/October2021/#sec-Schema-Introspection).
/// Every introspection field has its own resolver, so these have no
/// properties for the default resolver to read.
///
/// The wrappers of types, fields, input values, enum values and directives
/// are classes: each introspection resolver casts its parent back from `any
/// FieldSource`, and casting to a class copies one reference, where casting
/// to a struct of many references retained every one of them (and a struct
/// that large was boxed in the existential anyway).

/// The `__Schema` object.
struct IntrospectedSchema: FieldSource {
    func fieldValue(named name: String) -> ResolvedValue { .null }
}

/// A `__Type`: a named type, or a list or non-null wrapper around a type reference.
/// A class like the others: the executor copies each parent several times
/// per field, and an enum of references in an existential is copied by a
/// switch over its cases where a class reference is one retain.
final class IntrospectedType: FieldSource {
    enum Shape {
        case named(GraphQLNamedType)
        case list(of: TypeRef)
        case nonNull(of: TypeRef)
    }

    let shape: Shape

    init(_ shape: Shape) {
        self.shape = shape
    }

    static func named(_ type: GraphQLNamedType) -> IntrospectedType {
        IntrospectedType(.named(type))
    }

    func fieldValue(named name: String) -> ResolvedValue { .null }

    /// The `__Type` for a type reference, nil when it names no type of `schema`.
    convenience init?(_ ref: TypeRef, in schema: GraphQLSchema) {
        switch ref {
        case .named(let name):
            guard let type = schema.type(named: name) else { return nil }
            self.init(.named(type))
        case .list(let inner): self.init(.list(of: inner))
        case .nonNull(let inner): self.init(.nonNull(of: inner))
        }
    }

    var named: GraphQLNamedType? {
        if case .named(let type) = shape { return type }
        return nil
    }
}

/// A `__Field`.
final class IntrospectedField: FieldSource {
    let field: GraphQLField
    init(field: GraphQLField) { self.field = field }
    func fieldValue(named name: String) -> ResolvedValue { .null }
}

/// An `__InputValue`: an argument or an input object field.
final class IntrospectedInputValue: FieldSource {
    let inputValue: GraphQLInputValue
    init(inputValue: GraphQLInputValue) { self.inputValue = inputValue }
    func fieldValue(named name: String) -> ResolvedValue { .null }
}

/// An `__EnumValue`.
final class IntrospectedEnumValue: FieldSource {
    let value: GraphQLEnumValue
    init(value: GraphQLEnumValue) { self.value = value }
    func fieldValue(named name: String) -> ResolvedValue { .null }
}

/// A `__Directive`.
final class IntrospectedDirective: FieldSource {
    let directive: GraphQLDirective
    init(directive: GraphQLDirective) { self.directive = directive }
    func fieldValue(named name: String) -> ResolvedValue { .null }
}
