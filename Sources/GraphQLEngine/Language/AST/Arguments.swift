/// `name: value` in a field or directive
/// (https://spec.graphql.org/October2021/#sec-Language.Arguments).
public struct Argument: Sendable, Hashable {
    public var name: Name
    public var value: Value
    public var loc: Location

    public init(name: Name, value: Value, loc: Location) {
        self.name = name
        self.value = value
        self.loc = loc
    }
}

/// `@name(arg: value)` (https://spec.graphql.org/October2021/#sec-Language.Directives).
public struct Directive: Sendable, Hashable {
    public var name: Name
    public var arguments: [Argument]
    public var loc: Location

    public init(name: Name, arguments: [Argument], loc: Location) {
        self.name = name
        self.arguments = arguments
        self.loc = loc
    }
}
