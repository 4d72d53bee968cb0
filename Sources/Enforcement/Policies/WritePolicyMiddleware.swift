public import GraphQLEngine

/// Applies the `WritePolicy` of each guarded mutation field to the caller's
/// role, after `PermissionMiddleware` (the permission itself is checked there)
/// and before the resolver. A trusted context passes.
public struct WritePolicyMiddleware: FieldMiddleware {
    let policies: [String: any WritePolicy]

    public init(_ policies: [any WritePolicy]) {
        self.policies = Dictionary(policies.map { ($0.fieldName, $0) }) { first, _ in first }
    }

    /// The policies of the gateway's mutations.
    public static let standard = WritePolicyMiddleware([RescueMovePolicy()])

    public func applies(to field: GraphQLField, of type: ObjectType) -> Bool {
        type.name == "Mutation" && policies[field.name] != nil
    }

    public func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
        if let policy = policies[field.fieldName], let role = try field.accessContext().principal.caller?.key.role {
            try policy.check(role: role, arguments: field.arguments)
        }
        return try next(field)
    }
}
