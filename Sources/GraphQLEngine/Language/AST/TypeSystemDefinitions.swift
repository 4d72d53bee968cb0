// Type-system definitions (https://spec.graphql.org/October2021/#sec-Type-System).

/// `schema @dir { query: Query ... }`
/// (https://spec.graphql.org/October2021/#sec-Schema).
public struct SchemaDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var directives: [Directive]
    public var operationTypes: [OperationTypeDefinition]
    public var loc: Location

    public init(
        description: StringValue?, directives: [Directive], operationTypes: [OperationTypeDefinition],
        loc: Location
    ) {
        self.description = description
        self.directives = directives
        self.operationTypes = operationTypes
        self.loc = loc
    }
}

/// `query: TypeName` inside a schema definition or extension
/// (https://spec.graphql.org/October2021/#RootOperationTypeDefinition).
public struct OperationTypeDefinition: Sendable, Hashable {
    public var operation: OperationType
    public var type: NamedType
    public var loc: Location

    public init(operation: OperationType, type: NamedType, loc: Location) {
        self.operation = operation
        self.type = type
        self.loc = loc
    }
}

/// `scalar Name @dir`
/// (https://spec.graphql.org/October2021/#sec-Scalars).
public struct ScalarTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var loc: Location

    public init(description: StringValue?, name: Name, directives: [Directive], loc: Location) {
        self.description = description
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `type Name implements A & B @dir { fields }`
/// (https://spec.graphql.org/October2021/#sec-Objects).
public struct ObjectTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var loc: Location

    public init(
        description: StringValue?, name: Name, interfaces: [NamedType], directives: [Directive],
        fields: [FieldDefinition], loc: Location
    ) {
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}

/// `name(args): Type @dir` in an object or interface
/// (https://spec.graphql.org/October2021/#FieldDefinition).
public struct FieldDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var type: TypeReference
    public var directives: [Directive]
    public var loc: Location

    public init(
        description: StringValue?, name: Name, arguments: [InputValueDefinition], type: TypeReference,
        directives: [Directive], loc: Location
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.type = type
        self.directives = directives
        self.loc = loc
    }
}

/// `name: Type = default @dir`: an argument definition or an input object field
/// (https://spec.graphql.org/October2021/#InputValueDefinition).
public struct InputValueDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: [Directive]
    public var loc: Location

    public init(
        description: StringValue?, name: Name, type: TypeReference, defaultValue: Value?,
        directives: [Directive], loc: Location
    ) {
        self.description = description
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.loc = loc
    }
}

/// `interface Name implements A & B @dir { fields }`
/// (https://spec.graphql.org/October2021/#sec-Interfaces).
public struct InterfaceTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var loc: Location

    public init(
        description: StringValue?, name: Name, interfaces: [NamedType], directives: [Directive],
        fields: [FieldDefinition], loc: Location
    ) {
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}

/// `union Name @dir = A | B`
/// (https://spec.graphql.org/October2021/#sec-Unions).
public struct UnionTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var types: [NamedType]
    public var loc: Location

    public init(
        description: StringValue?, name: Name, directives: [Directive], types: [NamedType],
        loc: Location
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.types = types
        self.loc = loc
    }
}

/// `enum Name @dir { VALUES }`
/// (https://spec.graphql.org/October2021/#sec-Enums).
public struct EnumTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var values: [EnumValueDefinition]
    public var loc: Location

    public init(
        description: StringValue?, name: Name, directives: [Directive], values: [EnumValueDefinition],
        loc: Location
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.values = values
        self.loc = loc
    }
}

/// One value of an enum definition
/// (https://spec.graphql.org/October2021/#EnumValueDefinition).
public struct EnumValueDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var loc: Location

    public init(description: StringValue?, name: Name, directives: [Directive], loc: Location) {
        self.description = description
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `input Name @dir { fields }`
/// (https://spec.graphql.org/October2021/#sec-Input-Objects).
public struct InputObjectTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var fields: [InputValueDefinition]
    public var loc: Location

    public init(
        description: StringValue?, name: Name, directives: [Directive], fields: [InputValueDefinition],
        loc: Location
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.fields = fields
        self.loc = loc
    }
}

/// `directive @name(args) repeatable on LOCATION | ...`; `locations` are the names as written (map them with `DirectiveLocation(rawValue:)`; the parser accepts only valid ones)
/// (https://spec.graphql.org/October2021/#sec-Type-System.Directives).
public struct DirectiveDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var repeatable: Bool
    public var locations: [Name]
    public var loc: Location

    public init(
        description: StringValue?, name: Name, arguments: [InputValueDefinition], repeatable: Bool,
        locations: [Name], loc: Location
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.repeatable = repeatable
        self.locations = locations
        self.loc = loc
    }
}
