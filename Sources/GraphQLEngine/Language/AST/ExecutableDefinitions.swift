/// The kind of an operation (https://spec.graphql.org/October2021/#OperationType).
public enum OperationType: String, Sendable, Hashable, CaseIterable {
    case query
    case mutation
    case subscription
}

/// `query Name($var: Type) @dir { ... }` or the shorthand `{ ... }`
/// (https://spec.graphql.org/October2021/#sec-Language.Operations).
public struct OperationDefinition: Sendable, Hashable {
    public var operation: OperationType
    public var name: Name?
    public var variableDefinitions: [VariableDefinition]
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: Location

    public init(
        operation: OperationType, name: Name?, variableDefinitions: [VariableDefinition],
        directives: [Directive], selectionSet: SelectionSet, loc: Location
    ) {
        self.operation = operation
        self.name = name
        self.variableDefinitions = variableDefinitions
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

/// `$name: Type = default @dir`
/// (https://spec.graphql.org/October2021/#sec-Language.Variables).
public struct VariableDefinition: Sendable, Hashable {
    public var variable: Variable
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: [Directive]
    public var loc: Location

    public init(
        variable: Variable, type: TypeReference, defaultValue: Value?, directives: [Directive],
        loc: Location
    ) {
        self.variable = variable
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.loc = loc
    }
}

/// `fragment Name on Type @dir { ... }`
/// (https://spec.graphql.org/October2021/#sec-Language.Fragments).
public struct FragmentDefinition: Sendable, Hashable {
    public var name: Name
    public var typeCondition: NamedType
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: Location

    public init(
        name: Name, typeCondition: NamedType, directives: [Directive], selectionSet: SelectionSet,
        loc: Location
    ) {
        self.name = name
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}
