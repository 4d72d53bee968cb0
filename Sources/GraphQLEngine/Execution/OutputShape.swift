/// A field's output type resolved once against the schema, so completing a
/// value never looks a type up by name
/// (https://spec.graphql.org/October2021/#CompleteValue()).
indirect enum OutputShape: Sendable {
    case nonNull(OutputShape)
    case list(OutputShape)
    case scalar(ScalarType)
    case enumType(EnumType)
    case object(ObjectType)
    /// An interface or union.
    case abstract(GraphQLNamedType)
    /// A type the schema does not define (only in hand-built, unvalidated schemas).
    case unknown(String)

    init(_ ref: TypeRef, in schema: GraphQLSchema) {
        switch ref {
        case .nonNull(let inner): self = .nonNull(OutputShape(inner, in: schema))
        case .list(let inner): self = .list(OutputShape(inner, in: schema))
        case .named(let name):
            switch schema.type(named: name) {
            case .scalar(let scalar): self = .scalar(scalar)
            case .enumType(let enumType): self = .enumType(enumType)
            case .object(let object): self = .object(object)
            case .some(let type) where type.isAbstractType: self = .abstract(type)
            default: self = .unknown(name)
            }
        }
    }

    var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }
}

/// What the executor knows about one schema field, worked out when the
/// executable schema is built.
final class FieldRuntime: Sendable {
    let definition: GraphQLField
    /// `definition.name`, kept apart so the hot path does not copy the definition.
    let name: String
    let resolver: FieldResolver
    let shape: OutputShape
    /// The middleware that applies to this field, outermost first.
    let middleware: [any FieldMiddleware]
    /// For a field of a built-in scalar type (not a list), which one: the
    /// walk serializes the common values of these inline.
    let builtInLeaf: BuiltInLeaf?
    /// For a field of the introspection types without middleware, which one:
    /// the executor answers it itself (`ExecutionState.resolveIntrospection`).
    let introspection: IntrospectionField?

    enum BuiltInLeaf: Sendable {
        case string, int, float, boolean, id
    }

    init(
        definition: GraphQLField, resolver: FieldResolver, shape: OutputShape, middleware: [any FieldMiddleware],
        introspection: IntrospectionField? = nil
    ) {
        self.definition = definition
        self.introspection = middleware.isEmpty ? introspection : nil
        self.name = definition.name
        self.resolver = resolver
        self.shape = shape
        self.middleware = middleware
        var leafShape = shape
        if case .nonNull(let inner) = shape { leafShape = inner }
        if case .scalar(let scalar) = leafShape, scalar.isBuiltIn,
            scalar === BuiltInScalars.scalar(named: scalar.name)
        {
            switch scalar.name {
            case "String": builtInLeaf = .string
            case "Int": builtInLeaf = .int
            case "Float": builtInLeaf = .float
            case "Boolean": builtInLeaf = .boolean
            default: builtInLeaf = .id
            }
        } else {
            builtInLeaf = nil
        }
    }

    /// The serialized value of a built-in scalar for the values that need no
    /// conversion (a string for String and ID, a 32-bit int for Int, a number
    /// for Float, a boolean for Boolean); nil for everything else, which takes
    /// the general path.
    @inline(__always)
    func fastLeaf(_ value: JSONValue) -> JSONValue? {
        guard let builtInLeaf else { return nil }
        switch (builtInLeaf, value) {
        case (.string, .string), (.id, .string), (.boolean, .bool), (.float, .double): return value
        case (.float, .int(let int)): return .double(Double(int))
        case (.int, .int(let int)) where int >= BuiltInScalars.minInt && int <= BuiltInScalars.maxInt: return value
        default: return nil
        }
    }
}
