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

    /// Whether writes by a caller of `role` may have to be on record in the
    /// audit log (staff acting on another user's data). Then, in production,
    /// the write is refused before it is made while the audit cannot record
    /// (`AUDIT_UNAVAILABLE`). By default, no role's are.
    func isAudited(role: Role) -> Bool

    /// The write's result as the caller gets it, once the resolver made the
    /// write: a policy whose writes are audited records them in `audit` here.
    /// By default, `value` as it is.
    func written(_ value: ResolvedValue, by caller: Caller, in context: AccessContext, audit: FieldAudit)
        -> ResolvedValue
}

extension WritePolicy {
    public func isAudited(role: Role) -> Bool { false }

    public func written(_ value: ResolvedValue, by caller: Caller, in context: AccessContext, audit: FieldAudit)
        -> ResolvedValue
    {
        value
    }
}
