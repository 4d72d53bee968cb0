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
    let resolver: FieldResolver
    let shape: OutputShape
    /// The middleware that applies to this field, outermost first.
    let middleware: [any FieldMiddleware]

    init(definition: GraphQLField, resolver: FieldResolver, shape: OutputShape, middleware: [any FieldMiddleware]) {
        self.definition = definition
        self.resolver = resolver
        self.shape = shape
        self.middleware = middleware
    }
}
