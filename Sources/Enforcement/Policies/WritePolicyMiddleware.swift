public import GraphQLEngine

/// Applies the `WritePolicy` of each guarded mutation field to the caller's
/// role, after `PermissionMiddleware` (the permission itself is checked there)
/// and before the resolver, then hands the write's result to the policy (which
/// may put it on record in the audit log). A trusted context passes.
public struct WritePolicyMiddleware: FieldMiddleware {
    let policies: [String: any WritePolicy]
    let audit: FieldAudit

    public init(_ policies: [any WritePolicy], audit: FieldAudit = .none) {
        self.policies = Dictionary(policies.map { ($0.fieldName, $0) }) { first, _ in first }
        self.audit = audit
    }

    /// The policies of the gateway's mutations.
    public static let standardPolicies: [any WritePolicy] =
        [RescueMovePolicy(), NotificationMarkPolicy()] + RoleWritePolicy.lifecycle.map { $0 as any WritePolicy }
        + RoleWritePolicy.money.map { $0 as any WritePolicy }
        + PeopleWritePolicies.all

    /// The gateway's policies, auditing into `audit`.
    public static func standard(audit: FieldAudit = .none) -> WritePolicyMiddleware {
        WritePolicyMiddleware(standardPolicies, audit: audit)
    }

    public func applies(to field: GraphQLField, of type: ObjectType) -> Bool {
        type.name == "Mutation" && policies[field.name] != nil
    }

    public func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
        guard let policy = policies[field.fieldName] else { return try next(field) }
        let context = try field.accessContext()
        guard let caller = context.principal.caller else { return try next(field) }
        try policy.check(role: caller.key.role, arguments: field.arguments)
        if policy.isAudited(role: caller.key.role) { try audit.ensureRecording() }
        return policy.written(try next(field), by: caller, in: context, audit: audit)
    }
}
