public import GraphQLEngine

/// Applies the `ReadPolicy` of each guarded field, after `PermissionMiddleware`
/// (a field the caller may not read at all is refused there) and before the
/// resolver, which does not run for a hidden field (so a hidden relation is
/// not even loaded). A trusted context sees everything.
public struct ReadPolicyMiddleware: FieldMiddleware {
    let policies: [String: [String: any ReadPolicy]]

    public init(_ policies: [any ReadPolicy]) {
        var table: [String: [String: any ReadPolicy]] = [:]
        for policy in policies {
            for name in policy.fieldNames where table[policy.typeName]?[name] == nil {
                table[policy.typeName, default: [:]][name] = policy
            }
        }
        self.policies = table
    }

    /// The policies of the gateway's schema.
    public static let standard = ReadPolicyMiddleware([AnonymousRatingPolicy()])

    public func applies(to field: GraphQLField, of type: ObjectType) -> Bool {
        policies[type.name]?[field.name] != nil
    }

    /// Not needed when the request has no caller (`resolve` passes through then).
    public func isNeeded(for field: GraphQLField, of type: ObjectType, context: any Sendable) -> Bool {
        guard let access = context as? AccessContext else { return true }
        return access.principal.caller != nil
    }

    public func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
        guard let policy = policies[field.parentType.name]?[field.fieldName],
            let caller = try field.accessContext().principal.caller
        else { return try next(field) }
        // A parent that is not a stored row cannot be judged: hidden (fail closed).
        guard let parent = field.parent as? any StoredDocument,
            policy.shows(field.fieldName, of: parent.document, to: caller)
        else { return .null }
        return try next(field)
    }
}
