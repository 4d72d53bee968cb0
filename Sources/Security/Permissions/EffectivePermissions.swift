/// What a request may do: the key's own permissions limited by its user's role
/// (`README.md`, "Permissions").
///
/// An empty key list grants nothing. A key is created with an explicit list
/// (`supportcarr apikey create` writes the role's maximal set when
/// `--permissions` is not given), so an empty stored list is either a key
/// deliberately stripped of its rights or a record some other tool wrote
/// carelessly; in both cases failing closed is the safe reading. The price:
/// when a role later gains a permission, existing keys do not gain it until
/// they are re-issued or edited.
public func effectivePermissions(_ keyPermissions: PermissionSet, role: Role) -> PermissionSet {
    keyPermissions.intersection(role.maximalPermissions)
}
