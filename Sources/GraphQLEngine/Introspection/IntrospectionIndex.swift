/// A schema's introspection values (`__Type`, `__Field`, ...), built once when
/// the executable schema is built and shared by every request
/// (https://spec.graphql.org/October2021/#sec-Schema-Introspection).
///
/// Everything here is derived from the schema, which never changes: the
/// per-request work of introspection is only reading these values for the
/// fields a query selects. Named types refer to each other by position in
/// `types`, so the values form no reference cycles and go away with the schema.
final class IntrospectionIndex: Sendable {
    /// The schema's named types, in `GraphQLSchema.types` order.
    let types: [IntrospectedType]
    let directives: [IntrospectedDirective]
    let queryType: IntrospectedType?
    let mutationType: IntrospectedType?
    let subscriptionType: IntrospectedType?
    private let positions: [String: Int]

    init(schema: GraphQLSchema) {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(schema.types.count)
        for (position, type) in schema.types.enumerated() where positions[type.name] == nil {
            positions[type.name] = position
        }
        // A name resolves as `GraphQLSchema.type(named:)` resolves it.
        func position(of name: String) -> Int? {
            guard schema.type(named: name) != nil else { return nil }
            return positions[name]
        }
        func link(_ ref: TypeRef) -> IntrospectionTypeLink? {
            switch ref {
            case .named(let name): return position(of: name).map { .named($0) }
            case .list(let inner): return .wrapper(IntrospectedType(shape: .list(of: inner), ofType: link(inner)))
            case .nonNull(let inner): return .wrapper(IntrospectedType(shape: .nonNull(of: inner), ofType: link(inner)))
            }
        }
        func inputValues(_ values: [GraphQLInputValue]) -> IntrospectionList<IntrospectedInputValue> {
            IntrospectionList(values.map { IntrospectedInputValue(inputValue: $0, type: link($0.type)) }) {
                $0.inputValue.isDeprecated
            }
        }
        func named(_ type: GraphQLNamedType) -> IntrospectedType {
            var fields: IntrospectionList<IntrospectedField>?
            if let definitions = type.fields {
                fields = IntrospectionList(
                    definitions.map {
                        IntrospectedField(field: $0, type: link($0.type), arguments: inputValues($0.arguments))
                    }
                ) { $0.field.isDeprecated }
            }
            var interfaces: [Int]?
            switch type {
            case .object, .interface: interfaces = type.interfaces.compactMap(position(of:))
            default: break
            }
            let possibleTypes =
                type.isAbstractType
                ? schema.possibleTypes(of: type).compactMap { position(of: $0.name) } : nil
            var enumValues: IntrospectionList<IntrospectedEnumValue>?
            if case .enumType(let enumType) = type {
                enumValues = IntrospectionList(enumType.values.map { IntrospectedEnumValue(value: $0) }) {
                    $0.value.isDeprecated
                }
            }
            var inputFields: IntrospectionList<IntrospectedInputValue>?
            if case .inputObject(let input) = type { inputFields = inputValues(input.fields) }
            return IntrospectedType(
                shape: .named(type), fields: fields, interfaces: interfaces, possibleTypes: possibleTypes,
                enumValues: enumValues, inputFields: inputFields)
        }

        let types = schema.types.map(named)
        func root(_ type: ObjectType?) -> IntrospectedType? {
            guard let type else { return nil }
            return positions[type.name].map { types[$0] } ?? named(.object(type))
        }
        self.types = types
        self.positions = positions
        self.directives = schema.directives.map {
            IntrospectedDirective(directive: $0, arguments: inputValues($0.arguments))
        }
        self.queryType = root(schema.queryType)
        self.mutationType = root(schema.mutationType)
        self.subscriptionType = root(schema.subscriptionType)
    }

    /// The `__Type` of a named type of the schema (`__type(name:)`).
    func type(named name: String) -> IntrospectedType? {
        positions[name].map { types[$0] }
    }

    /// The `__Type` a link points to.
    func type(_ link: IntrospectionTypeLink) -> IntrospectedType {
        switch link {
        case .named(let position): return types[position]
        case .wrapper(let type): return type
        }
    }
}
