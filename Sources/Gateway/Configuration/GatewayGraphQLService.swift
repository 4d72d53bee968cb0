public import GraphQLEngine

/// How the gateway's `GraphQLService` is built: the engine's validation and
/// the document limits (`QueryLimits`: tokens, depth, nesting, aliases, directives,
/// cost, page size, introspection, the cooperative execution deadline),
/// checked once per document text before any resolver, their verdict cached
/// with the document.
public enum GatewayGraphQLService {
    /// - Parameters:
    ///   - limits: nil runs any document (tests, trusted tools only). With
    ///     introspection off, validation messages lose their "Did you mean
    ///     ...?" hints, which would name schema members.
    ///   - cacheEntries: parsed and checked documents kept.
    public static func make(
        schema: ExecutableSchema, limits: QueryLimits?, cacheEntries: Int = 1_000
    ) -> GraphQLService {
        let suggestions = limits?.allowsIntrospection ?? true
        return GraphQLService(
            schema: schema, validator: { validate(schema: $0, document: $1, suggestions: suggestions) },
            cache: DocumentCache(maxEntries: cacheEntries), limits: limits)
    }
}
