/// A type reference: `Name`, `[Type]` or `Type!`
/// (https://spec.graphql.org/October2021/#sec-Type-References).
public indirect enum TypeReference: Sendable, Hashable {
    case named(NamedType)
    case list(ListType)
    case nonNull(NonNullType)

    public var loc: Location {
        switch self {
        case .named(let node): node.loc
        case .list(let node): node.loc
        case .nonNull(let node): node.loc
        }
    }

    /// The named type at the bottom of the wrappers.
    public var namedType: NamedType {
        switch self {
        case .named(let node): node
        case .list(let node): node.type.namedType
        case .nonNull(let node): node.type.namedType
        }
    }
}

/// A type referred to by name.
public struct NamedType: Sendable, Hashable {
    public var name: Name
    public var loc: Location

    public init(name: Name, loc: Location) {
        self.name = name
        self.loc = loc
    }
}

/// `[Type]`.
public struct ListType: Sendable, Hashable {
    public var type: TypeReference
    public var loc: Location

    public init(type: TypeReference, loc: Location) {
        self.type = type
        self.loc = loc
    }
}

/// `Type!`. The parser never nests one non-null directly in another.
public struct NonNullType: Sendable, Hashable {
    public var type: TypeReference
    public var loc: Location

    public init(type: TypeReference, loc: Location) {
        self.type = type
        self.loc = loc
    }
}
