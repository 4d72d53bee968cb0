import DataModel
public import GraphQLEngine
import MongoStore
import Security

/// THE permission check: one field middleware, first in the chain, that
/// enforces `@requires` for every field of every query, whichever way the
/// field was reached (fragments, inline fragments on interfaces, aliases: the
/// executor resolves per field of a concrete object type, so every path meets
/// the same check).
///
/// For a field with a requirement (`FieldRequirement`):
/// 1. the caller's effective permissions must hold all of them, else the field
///    is null with a `FORBIDDEN` error at its path and the rest of the response
///    stands (the resolver is not called, so nothing is read or decrypted);
/// 2. a personal-data field (own `pii:` permission) of an entity needs the
///    row's personal data to be the caller's to read (`RowRules.personalData`:
///    a rider sees every driver profile, but the name only of its own drivers);
/// 3. a field returning an interface or union is checked again against the
///    concrete type of the value it produced;
/// 4. reads of personal data by support and admin keys are noted in the audit
///    recorder (batched, written off the critical path); in production a read
///    the recorder cannot take (its last write failed, or its queue is full)
///    is refused with `AUDIT_UNAVAILABLE` rather than served unrecorded
///    (`FieldAudit`).
///
/// A trusted context (tests, operator tools) passes every check and is not audited.
public struct PermissionMiddleware: FieldMiddleware {
    let requirements: [String: [String: FieldRequirement]]
    let audit: FieldAudit

    public init(schema: GraphQLSchema, audit: FieldAudit = .none) throws(SecuritySchemaError) {
        self.requirements = try FieldRequirement.table(for: schema)
        self.audit = audit
    }

    public func applies(to field: GraphQLField, of type: ObjectType) -> Bool {
        requirements[type.name]?[field.name] != nil
    }

    /// Needed for a request only where `resolve` can decide differently per
    /// object or would refuse: personal data, a field whose possible types
    /// need more, a permission the caller lacks (refused at each object's
    /// path), or a context that is not an `AccessContext`. A field the
    /// caller's key grants, on a page of 20 rescues, otherwise passed through
    /// this check 20 times for the same answer.
    public func isNeeded(for field: GraphQLField, of type: ObjectType, context: any Sendable) -> Bool {
        guard let requirement = requirements[type.name]?[field.name] else { return false }
        guard let access = context as? AccessContext else { return true }
        guard let caller = access.principal.caller else { return false }
        if requirement.isPersonalData || requirement.concreteTypes != nil { return true }
        return !requirement.permissions.isSubset(of: caller.key.permissions)
    }

    public func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
        guard let requirement = requirements[field.parentType.name]?[field.fieldName] else { return try next(field) }
        let context = try field.accessContext()
        guard let caller = context.principal.caller else { return try next(field) }
        let granted = caller.key.permissions
        if !requirement.permissions.isSubset(of: granted) {
            throw SecurityErrors.forbidden(missing: requirement.permissions.subtracting(granted).names)
        }
        if requirement.isPersonalData, let collection = requirement.parentCollection {
            guard let parent = field.parent as? any StoredDocument,
                caller.mayReadPersonalData(of: parent.document, in: collection)
            else { throw SecurityErrors.forbiddenPersonalData }
            if caller.key.role.seesEveryRow, let entityId = parent.storedID {
                try audit.record(
                    PersonalDataRead(
                        requestId: context.requestId, userId: caller.key.userId, keyId: caller.key.keyId,
                        collection: collection, entityId: entityId, fields: [field.fieldName], at: .now(),
                        ipAddress: context.client.address, userAgent: context.client.userAgent))
            }
        }
        let value = try next(field)
        guard let concrete = requirement.concreteTypes else { return value }
        return value.map { try PermissionMiddleware.checkConcrete($0, concrete, granted) }
    }

    /// Denies a value (or a list item) whose concrete type needs a permission
    /// the caller lacks.
    @Sendable static func checkConcrete(
        _ value: ResolvedValue, _ concrete: [String: PermissionSet], _ granted: PermissionSet
    ) throws -> ResolvedValue {
        switch value {
        case .object(let source):
            // An object whose type is unknown here needs every permission any possible type needs.
            let needed =
                source.runtimeTypeName.flatMap { concrete[$0] }
                ?? concrete.values.reduce(PermissionSet([])) { $0.union($1) }
            if !needed.isSubset(of: granted) {
                throw SecurityErrors.forbidden(missing: needed.subtracting(granted).names)
            }
            return value
        case .list(let items):
            return .list(items.map { item in item.map { try checkConcrete($0, concrete, granted) } })
        default:
            return value
        }
    }
}
