/// A reference to a type as written where a field, argument or variable is
/// declared: a named type, possibly wrapped in lists and non-null markers.
///
/// Named types are referenced by name and resolved against a `GraphQLSchema`,
/// so type definitions can refer to each other (and to themselves) while
/// staying plain immutable values.
/// https://spec.graphql.org/October2021/#sec-Wrapping-Types
public indirect enum TypeRef: Sendable, Hashable, CustomStringConvertible {
    case named(String)
    case list(TypeRef)
    case nonNull(TypeRef)

    /// The name of the innermost named type (`[User!]!` → `User`).
    public var namedTypeName: String {
        switch self {
        case .named(let name): return name
        case .list(let inner), .nonNull(let inner): return inner.namedTypeName
        }
    }

    /// True for `T!`.
    public var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    /// True for `[T]` and `[T]!`.
    public var isList: Bool {
        switch self {
        case .list: return true
        case .nonNull(let inner): return inner.isList
        case .named: return false
        }
    }

    /// The type with one outer non-null marker removed (`T!` → `T`, `T` → `T`).
    public var nullable: TypeRef {
        if case .nonNull(let inner) = self { return inner }
        return self
    }

    /// The item type of a list type (`[T]!` → `T`), else nil.
    public var listItemType: TypeRef? {
        switch self.nullable {
        case .list(let item): return item
        default: return nil
        }
    }

    /// The type as SDL writes it: `[Int!]!`.
    public var description: String {
        switch self {
        case .named(let name): return name
        case .list(let inner): return "[\(inner)]"
        case .nonNull(let inner): return "\(inner)!"
        }
    }
}
