/// An input value literal (https://spec.graphql.org/October2021/#sec-Input-Values).
/// In constant positions (default values, SDL directives) the parser never
/// produces `.variable`.
public indirect enum Value: Sendable, Hashable {
    case variable(Variable)
    case int(IntValue)
    case float(FloatValue)
    case string(StringValue)
    case boolean(BooleanValue)
    case null(NullValue)
    case enumValue(EnumValue)
    case list(ListValue)
    case object(ObjectValue)

    public var loc: Location {
        switch self {
        case .variable(let node): node.loc
        case .int(let node): node.loc
        case .float(let node): node.loc
        case .string(let node): node.loc
        case .boolean(let node): node.loc
        case .null(let node): node.loc
        case .enumValue(let node): node.loc
        case .list(let node): node.loc
        case .object(let node): node.loc
        }
    }
}

/// `$name` (https://spec.graphql.org/October2021/#Variable).
public struct Variable: Sendable, Hashable {
    public var name: Name
    public var loc: Location

    public init(name: Name, loc: Location) {
        self.name = name
        self.loc = loc
    }
}

/// An integer literal, kept as written (https://spec.graphql.org/October2021/#sec-Int-Value).
public struct IntValue: Sendable, Hashable {
    public var value: String
    public var loc: Location

    public init(value: String, loc: Location) {
        self.value = value
        self.loc = loc
    }
}

/// A float literal, kept as written (https://spec.graphql.org/October2021/#sec-Float-Value).
public struct FloatValue: Sendable, Hashable {
    public var value: String
    public var loc: Location

    public init(value: String, loc: Location) {
        self.value = value
        self.loc = loc
    }
}

/// A string literal, escapes resolved; `block` says it was written as `"""..."""`
/// (https://spec.graphql.org/October2021/#sec-String-Value).
public struct StringValue: Sendable, Hashable {
    public var value: String
    public var block: Bool
    public var loc: Location

    public init(value: String, block: Bool, loc: Location) {
        self.value = value
        self.block = block
        self.loc = loc
    }
}

/// `true` or `false` (https://spec.graphql.org/October2021/#sec-Boolean-Value).
public struct BooleanValue: Sendable, Hashable {
    public var value: Bool
    public var loc: Location

    public init(value: Bool, loc: Location) {
        self.value = value
        self.loc = loc
    }
}

/// `null` (https://spec.graphql.org/October2021/#sec-Null-Value).
public struct NullValue: Sendable, Hashable {
    public var loc: Location

    public init(loc: Location) {
        self.loc = loc
    }
}

/// An enum value: a name other than `true`, `false`, `null`
/// (https://spec.graphql.org/October2021/#sec-Enum-Value).
public struct EnumValue: Sendable, Hashable {
    public var value: String
    public var loc: Location

    public init(value: String, loc: Location) {
        self.value = value
        self.loc = loc
    }
}

/// `[value, ...]` (https://spec.graphql.org/October2021/#sec-List-Value).
public struct ListValue: Sendable, Hashable {
    public var values: [Value]
    public var loc: Location

    public init(values: [Value], loc: Location) {
        self.values = values
        self.loc = loc
    }
}

/// `{name: value, ...}` (https://spec.graphql.org/October2021/#sec-Input-Object-Values).
public struct ObjectValue: Sendable, Hashable {
    public var fields: [ObjectField]
    public var loc: Location

    public init(fields: [ObjectField], loc: Location) {
        self.fields = fields
        self.loc = loc
    }
}

/// One `name: value` entry of an object value.
public struct ObjectField: Sendable, Hashable {
    public var name: Name
    public var value: Value
    public var loc: Location

    public init(name: Name, value: Value, loc: Location) {
        self.name = name
        self.value = value
        self.loc = loc
    }
}
