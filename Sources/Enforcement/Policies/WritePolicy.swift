public import GraphQLEngine
public import Security

/// What a caller's role may do with one mutation beyond holding the permission
/// its `@requires` names: checked in the field pipeline
/// (`WritePolicyMiddleware`), before the resolver runs, so a resolver never
/// decides who may write. Row rules still decide which rows the write can reach.
public protocol WritePolicy: Sendable {
    /// The `Mutation` field the policy guards.
    var fieldName: String { get }

    /// Refuses (throws a `FORBIDDEN` error) when a caller of `role` may not make
    /// the write `arguments` describe; returns otherwise. Arguments that are
    /// malformed are left to the resolver, which answers `BAD_USER_INPUT`.
    func check(role: Role, arguments: ArgumentValues) throws(GraphQLError)
}
