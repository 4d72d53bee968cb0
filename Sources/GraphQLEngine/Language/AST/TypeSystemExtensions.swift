// Type-system extensions (https://spec.graphql.org/October2021/#sec-Type-System-Extensions).

/// `extend schema @dir { query: Query }`
/// (https://spec.graphql.org/October2021/#sec-Schema-Extension).
public struct SchemaExtension: Sendable, Hashable {
    public var directives: [Directive]
    public var operationTypes: [OperationTypeDefinition]
    public var loc: Location

    public init(directives: [Directive], operationTypes: [OperationTypeDefinition], loc: Location) {
        self.directives = directives
        self.operationTypes = operationTypes
        self.loc = loc
    }
}

/// `extend scalar Name @dir`
/// (https://spec.graphql.org/October2021/#sec-Scalar-Extensions).
public struct ScalarTypeExtension: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var loc: Location

    public init(name: Name, directives: [Directive], loc: Location) {
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `extend type Name implements A @dir { fields }`
/// (https://spec.graphql.org/October2021/#sec-Object-Extensions).
public struct ObjectTypeExtension: Sendable, Hashable {
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var loc: Location

    public init(
        name: Name, interfaces: [NamedType], directives: [Directive], fields: [FieldDefinition],
        loc: Location
    ) {
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}

/// `extend interface Name implements A @dir { fields }`
/// (https://spec.graphql.org/October2021/#sec-Interface-Extensions).
public struct InterfaceTypeExtension: Sendable, Hashable {
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var loc: Location

    public init(
        name: Name, interfaces: [NamedType], directives: [Directive], fields: [FieldDefinition],
        loc: Location
    ) {
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}

/// `extend union Name @dir = A | B`
/// (https://spec.graphql.org/October2021/#sec-Union-Extensions).
public struct UnionTypeExtension: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var types: [NamedType]
    public var loc: Location

    public init(name: Name, directives: [Directive], types: [NamedType], loc: Location) {
        self.name = name
        self.directives = directives
        self.types = types
        self.loc = loc
    }
}

/// `extend enum Name @dir { VALUES }`
/// (https://spec.graphql.org/October2021/#sec-Enum-Extensions).
public struct EnumTypeExtension: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var values: [EnumValueDefinition]
    public var loc: Location

    public init(name: Name, directives: [Directive], values: [EnumValueDefinition], loc: Location) {
        self.name = name
        self.directives = directives
        self.values = values
        self.loc = loc
    }
}

/// `extend input Name @dir { fields }`
/// (https://spec.graphql.org/October2021/#sec-Input-Object-Extensions).
public struct InputObjectTypeExtension: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var fields: [InputValueDefinition]
    public var loc: Location

    public init(name: Name, directives: [Directive], fields: [InputValueDefinition], loc: Location) {
        self.name = name
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}
