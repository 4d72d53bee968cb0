/// A set of catalogue permissions: what a role may hold, what a key lists, what
/// a request may do. A value type over `Set<Permission>`, printed in catalogue
/// order so lists and error messages read the same every time.
public struct PermissionSet: Sendable, Hashable, Sequence, ExpressibleByArrayLiteral, CustomStringConvertible {
    public private(set) var members: Set<Permission>

    public init(_ permissions: some Sequence<Permission>) {
        self.members = Set(permissions)
    }

    public init(arrayLiteral elements: Permission...) {
        self.init(elements)
    }

    /// Every permission of the catalogue.
    public static let everything = PermissionSet(Permission.all)

    /// The set named by `names`: known names become permissions, the others are
    /// returned apart (so a caller can refuse them, or log and ignore them).
    public static func parsing(_ names: some Sequence<String>) -> (permissions: PermissionSet, unknown: [String]) {
        var known: [Permission] = []
        var unknown: [String] = []
        for name in names {
            if let permission = Permission(name: name) { known.append(permission) } else { unknown.append(name) }
        }
        return (PermissionSet(known), unknown)
    }

    public func contains(_ permission: Permission) -> Bool { members.contains(permission) }
    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }

    /// The members in catalogue order.
    public var sorted: [Permission] { members.sorted() }
    /// The members' names in catalogue order (the stored form of `APIKey.permissions`).
    public var names: [String] { sorted.map(\.name) }

    public func intersection(_ other: PermissionSet) -> PermissionSet {
        PermissionSet(members.intersection(other.members))
    }
    public func union(_ other: PermissionSet) -> PermissionSet { PermissionSet(members.union(other.members)) }
    public func subtracting(_ other: PermissionSet) -> PermissionSet {
        PermissionSet(members.subtracting(other.members))
    }
    public func isSubset(of other: PermissionSet) -> Bool { members.isSubset(of: other.members) }

    public func makeIterator() -> [Permission].Iterator { sorted.makeIterator() }

    public var description: String { "[" + names.joined(separator: ", ") + "]" }
}
