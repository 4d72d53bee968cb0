/// The parents introspection fields resolve on: schema elements wrapped so
/// the executor can pass them down like any other object
/// (https://spec.graphql.org/October2021/#sec-Schema-Introspection).
/// Every introspection field has its own resolver, so these have no
/// properties for the default resolver to read.
///
/// They are built once per executable schema (`IntrospectionIndex`), with
/// what introspection asks of them worked out then: a type's fields with
/// and without the deprecated ones, the `__Type` of every field's and
/// argument's type reference, an interface's possible types. A request then
/// hands out these shared values instead of allocating a wrapper per element
/// and filtering, sorting or looking types up by name again. What a request
/// gets is still read from them field by field, as the query selects it.
///
/// The wrappers are final classes: the executor copies each parent several
/// times per field, and a class reference is one retain where a struct of
/// several references (or an enum of them in an existential) is several.

/// The `__Schema` object.
struct IntrospectedSchema: FieldSource {
    func fieldValue(named name: String) -> ResolvedValue { .null }
}

/// Where a `__Type` points to another `__Type` (`ofType`, a field's `type`):
/// a named type by its position in `IntrospectionIndex.types` (so named types,
/// which refer to each other in cycles, hold no references to one another),
/// or a list or non-null wrapper, which is owned by whoever points to it.
enum IntrospectionTypeLink: Sendable {
    case named(Int)
    case wrapper(IntrospectedType)
}

/// The elements of one introspection list with and without the deprecated
/// ones, for the `includeDeprecated` argument
/// (https://spec.graphql.org/October2021/#sec-The-__Type-Type).
struct IntrospectionList<Node: Sendable>: Sendable {
    let all: [Node]
    let active: [Node]

    init(_ nodes: [Node], isDeprecated: (Node) -> Bool) {
        all = nodes
        active = nodes.filter { !isDeprecated($0) }
    }

    func nodes(includeDeprecated: Bool) -> [Node] { includeDeprecated ? all : active }
}

/// A `__Type`: a named type, or a list or non-null wrapper around a type reference.
final class IntrospectedType: FieldSource {
    enum Shape: Sendable {
        case named(GraphQLNamedType)
        case list(of: TypeRef)
        case nonNull(of: TypeRef)
    }

    let shape: Shape
    let kind: TypeKind
    /// The wrapped type of a list or non-null (nil for a named type, or when
    /// the wrapped name is not a type of the schema).
    let ofType: IntrospectionTypeLink?
    /// Of an object or interface type (nil otherwise).
    let fields: IntrospectionList<IntrospectedField>?
    /// Of an object or interface type, by position in the index (nil otherwise).
    let interfaces: [Int]?
    /// Of an interface or union, by position in the index (nil otherwise).
    let possibleTypes: [Int]?
    /// Of an enum type (nil otherwise).
    let enumValues: IntrospectionList<IntrospectedEnumValue>?
    /// Of an input object type (nil otherwise).
    let inputFields: IntrospectionList<IntrospectedInputValue>?

    init(
        shape: Shape, ofType: IntrospectionTypeLink? = nil, fields: IntrospectionList<IntrospectedField>? = nil,
        interfaces: [Int]? = nil, possibleTypes: [Int]? = nil,
        enumValues: IntrospectionList<IntrospectedEnumValue>? = nil,
        inputFields: IntrospectionList<IntrospectedInputValue>? = nil
    ) {
        self.shape = shape
        switch shape {
        case .named(let type): kind = type.kind
        case .list: kind = .list
        case .nonNull: kind = .nonNull
        }
        self.ofType = ofType
        self.fields = fields
        self.interfaces = interfaces
        self.possibleTypes = possibleTypes
        self.enumValues = enumValues
        self.inputFields = inputFields
    }

    func fieldValue(named name: String) -> ResolvedValue { .null }

    var named: GraphQLNamedType? {
        if case .named(let type) = shape { return type }
        return nil
    }
}

/// A `__Field`.
final class IntrospectedField: FieldSource {
    let field: GraphQLField
    /// Nil when the field's type names no type of the schema.
    let type: IntrospectionTypeLink?
    let arguments: IntrospectionList<IntrospectedInputValue>

    init(field: GraphQLField, type: IntrospectionTypeLink?, arguments: IntrospectionList<IntrospectedInputValue>) {
        self.field = field
        self.type = type
        self.arguments = arguments
    }

    func fieldValue(named name: String) -> ResolvedValue { .null }
}

/// An `__InputValue`: an argument or an input object field.
final class IntrospectedInputValue: FieldSource {
    let inputValue: GraphQLInputValue
    /// Nil when the value's type names no type of the schema.
    let type: IntrospectionTypeLink?

    init(inputValue: GraphQLInputValue, type: IntrospectionTypeLink?) {
        self.inputValue = inputValue
        self.type = type
    }

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
    let arguments: IntrospectionList<IntrospectedInputValue>

    init(directive: GraphQLDirective, arguments: IntrospectionList<IntrospectedInputValue>) {
        self.directive = directive
        self.arguments = arguments
    }

    func fieldValue(named name: String) -> ResolvedValue { .null }
}

/// An introspection parent as the executor carries it between levels
/// (`ExecutionState.ParentValue.introspection`): one class reference and a
/// tag, so copying it is one retain, and the introspection fields read it
/// with a switch instead of a cast from `any FieldSource`.
enum IntrospectionNode: Sendable {
    case schema
    case type(IntrospectedType)
    case field(IntrospectedField)
    case inputValue(IntrospectedInputValue)
    case enumValue(IntrospectedEnumValue)
    case directive(IntrospectedDirective)

    /// The same value for resolvers that take any parent (middleware, or
    /// introspection fields the executor does not answer itself).
    var asFieldSource: any FieldSource {
        switch self {
        case .schema: return IntrospectedSchema()
        case .type(let node): return node
        case .field(let node): return node
        case .inputValue(let node): return node
        case .enumValue(let node): return node
        case .directive(let node): return node
        }
    }
}
