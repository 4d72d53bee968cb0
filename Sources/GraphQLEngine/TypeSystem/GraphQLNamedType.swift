/// Any named type of a schema: the closed set of six kinds the spec defines.
/// https://spec.graphql.org/October2021/#sec-Types
///
/// Two named types of one schema are equal when their names are, since names
/// are unique within a schema.
public enum GraphQLNamedType: Sendable, Hashable, CustomStringConvertible {
    case scalar(ScalarType)
    case object(ObjectType)
    case interface(InterfaceType)
    case union(UnionType)
    case enumType(EnumType)
    case inputObject(InputObjectType)

    public var name: String {
        switch self {
        case .scalar(let t): return t.name
        case .object(let t): return t.name
        case .interface(let t): return t.name
        case .union(let t): return t.name
        case .enumType(let t): return t.name
        case .inputObject(let t): return t.name
        }
    }

    public var description: String { name }

    /// The type's own description (from SDL), if any.
    public var typeDescription: String? {
        switch self {
        case .scalar(let t): return t.description
        case .object(let t): return t.description
        case .interface(let t): return t.description
        case .union(let t): return t.description
        case .enumType(let t): return t.description
        case .inputObject(let t): return t.description
        }
    }

    /// Directives applied to the type definition and its extensions.
    public var directives: [AppliedDirective] {
        switch self {
        case .scalar(let t): return t.directives
        case .object(let t): return t.directives
        case .interface(let t): return t.directives
        case .union(let t): return t.directives
        case .enumType(let t): return t.directives
        case .inputObject(let t): return t.directives
        }
    }

    /// The kind as introspection names it (`__TypeKind`).
    public var kind: TypeKind {
        switch self {
        case .scalar: return .scalar
        case .object: return .object
        case .interface: return .interface
        case .union: return .union
        case .enumType: return .enumType
        case .inputObject: return .inputObject
        }
    }

    /// Fields of an object or interface type; nil for other kinds.
    public var fields: [GraphQLField]? {
        switch self {
        case .object(let t): return t.fields
        case .interface(let t): return t.fields
        default: return nil
        }
    }

    /// A field of an object or interface type.
    public func field(named name: String) -> GraphQLField? {
        switch self {
        case .object(let t): return t.field(named: name)
        case .interface(let t): return t.field(named: name)
        default: return nil
        }
    }

    /// Interfaces an object or interface declares it implements.
    public var interfaces: [String] {
        switch self {
        case .object(let t): return t.interfaces
        case .interface(let t): return t.interfaces
        default: return []
        }
    }

    /// Scalars, enums and input objects may be used as input.
    /// https://spec.graphql.org/October2021/#IsInputType()
    public var isInputType: Bool {
        switch self {
        case .scalar, .enumType, .inputObject: return true
        default: return false
        }
    }

    /// Everything except input objects may be used as output.
    /// https://spec.graphql.org/October2021/#IsOutputType()
    public var isOutputType: Bool {
        if case .inputObject = self { return false }
        return true
    }

    /// Scalars and enums: the leaves of a response.
    public var isLeafType: Bool {
        switch self {
        case .scalar, .enumType: return true
        default: return false
        }
    }

    /// Objects, interfaces and unions: types with selection sets.
    public var isCompositeType: Bool {
        switch self {
        case .object, .interface, .union: return true
        default: return false
        }
    }

    /// Interfaces and unions: types whose concrete type is decided at run time.
    public var isAbstractType: Bool {
        switch self {
        case .interface, .union: return true
        default: return false
        }
    }

    public static func == (lhs: GraphQLNamedType, rhs: GraphQLNamedType) -> Bool {
        lhs.kind == rhs.kind && lhs.name == rhs.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
    }
}

/// The kinds of type, as `__TypeKind` names them.
/// https://spec.graphql.org/October2021/#sec-Schema-Introspection
public enum TypeKind: String, Sendable, Hashable, CaseIterable {
    case scalar = "SCALAR"
    case object = "OBJECT"
    case interface = "INTERFACE"
    case union = "UNION"
    case enumType = "ENUM"
    case inputObject = "INPUT_OBJECT"
    case list = "LIST"
    case nonNull = "NON_NULL"
}
