public import GraphQLEngine

/// How the gateway's `GraphQLService` is built: the one place where
/// document-level limits (depth, aliases, tokens, cost, page size) join the
/// validation stage, so they run once per document text, before any resolver,
/// and their verdict is cached with the document.
public enum GatewayGraphQLService {
    /// - Parameters:
    ///   - suggestions: whether validation messages may end in "Did you mean
    ///     ...?" (off when introspection is off, so they do not leak the schema).
    ///   - extraRules: further validation checks, run after the specified
    ///     rules only on documents those accept (the document limits go here).
    ///   - cacheEntries: parsed documents kept.
    public static func make(
        schema: ExecutableSchema, suggestions: Bool, extraRules: [DocumentValidator] = [], cacheEntries: Int = 1_000
    ) -> GraphQLService {
        let validator: DocumentValidator = { schema, document in
            let errors = validate(schema: schema, document: document, suggestions: suggestions)
            if !errors.isEmpty { return errors }
            for rule in extraRules {
                let found = rule(schema, document)
                if !found.isEmpty { return found }
            }
            return []
        }
        return GraphQLService(
            schema: schema, validator: validator, cache: DocumentCache(maxEntries: cacheEntries))
    }
}
