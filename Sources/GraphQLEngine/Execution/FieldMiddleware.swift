/// A hook around every field resolution, in one place: the security layer
/// uses it to deny a field (throw a `FORBIDDEN` error: the field becomes null
/// with that error at its path) or to transform what the resolver produced
/// (`next(field).map { decrypt($0) }`), as async-graphql's field middleware or
/// gqlgen's field interceptor do.
///
/// Middleware is synchronous so it adds no task or await to a field; async,
/// pending (loader) and ready values all pass through `ResolvedValue.map`.
/// `applies(to:of:)` is asked once per schema field when the executable schema
/// is built; fields no middleware applies to run their resolver directly, so
/// an unused hook costs nothing. `isNeeded(for:of:context:)` is asked once
/// per field of a request's plan, so a hook whose answer is the same for
/// every object of the request (a permission the caller holds) leaves the
/// field's chain for that request, and a field left without middleware or
/// resolver is read like plain data.
public protocol FieldMiddleware: Sendable {
    /// Whether this middleware wants to see the field (for example: it carries
    /// `@requires` or `@encrypted`). Meta-fields (`__schema`, `__type`) are
    /// asked too, so introspection can be gated.
    func applies(to field: GraphQLField, of type: ObjectType) -> Bool

    /// Whether this request needs the middleware on `field` of `type`, asked
    /// with the request's context once per field of the operation (not per
    /// object). False only when `resolve` would do nothing but call `next`
    /// for every object of this request; the default is true.
    func isNeeded(for field: GraphQLField, of type: ObjectType, context: any Sendable) -> Bool

    /// Resolves `field`, calling `next` to run the rest of the chain and the resolver.
    func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue
}

extension FieldMiddleware {
    public func applies(to field: GraphQLField, of type: ObjectType) -> Bool { true }
    public func isNeeded(for field: GraphQLField, of type: ObjectType, context: any Sendable) -> Bool { true }
}
