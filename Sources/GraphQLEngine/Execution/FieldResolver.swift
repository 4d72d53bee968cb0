/// How a field gets its value: typed Swift closures over a `FieldContext`.
///
/// A `.sync` resolver runs inline while the executor walks a level: no task,
/// no allocation beyond the value it returns. An `.async` resolver is awaited
/// concurrently with the level's other async fields. A resolver that needs a
/// database row returns `field.load(loader, key:)` from a `.sync` closure and
/// lets the executor batch it.
public enum FieldResolver: Sendable {
    case sync(@Sendable (FieldContext) throws -> ResolvedValue)
    case async(@Sendable (FieldContext) async throws -> ResolvedValue)
    /// The default resolver: the parent's same-named property
    /// (`FieldSource.fieldValue(named:)`).
    case property
}

/// Decides the concrete object type of a value of an interface or union
/// (https://spec.graphql.org/October2021/#ResolveAbstractType()): returns the
/// object type's name, nil when unknown.
public typealias TypeResolver = @Sendable (_ value: any FieldSource, _ field: FieldContext) -> String?

/// Field resolvers by type name, then field name.
public typealias ResolverMap = [String: [String: FieldResolver]]
