public import GraphQLEngine

/// The start-up check of the schema against the resolver map (`Resolvers/README.md`):
/// the engine's own check (resolvers for types or fields the schema lacks,
/// root fields without a resolver), plus this gateway's rule for stored
/// types: a field that cannot be a stored property needs a resolver.
///
/// A field of a document-backed type "cannot be stored" when it takes
/// arguments, returns an entity (an object or interface type with an
/// `id: ObjectID!`), or returns a connection: documents hold the referenced
/// ids, never the referenced documents. Connection, edge and `NearbyDriver`
/// values are built by the resolvers themselves, so they are not checked
/// field by field (their `totalCount` is added by `SupportCarrSchema`).
public enum StartupCheck {
    public static func problems(
        schema: GraphQLSchema, resolvers: ResolverMap, typeResolvers: [String: TypeResolver]
    ) -> [ResolverMapProblem] {
        var problems = ExecutableSchema.problems(
            schema: schema, resolvers: resolvers, typeResolvers: typeResolvers, defaultResolution: .allowedBelowRoot)
        let roots = Set([schema.queryTypeName, schema.mutationTypeName, schema.subscriptionTypeName].compactMap { $0 })
        for type in schema.types {
            guard case .object(let object) = type, isDocumentBacked(object, roots: roots) else { continue }
            for field in object.fields where resolvers[object.name]?[field.name] == nil {
                if !field.arguments.isEmpty || isEntityOrConnection(field.type.namedTypeName, in: schema) {
                    problems.append(.missingResolver(type: object.name, field: field.name))
                }
            }
        }
        return problems
    }

    static func isDocumentBacked(_ object: ObjectType, roots: Set<String>) -> Bool {
        !roots.contains(object.name) && !object.name.hasPrefix("__") && !object.name.hasSuffix("Connection")
            && !object.name.hasSuffix("Edge") && object.name != "NearbyDriver" && object.name != "PageInfo"
    }

    static func isEntityOrConnection(_ name: String, in schema: GraphQLSchema) -> Bool {
        if name.hasSuffix("Connection") { return true }
        switch schema.type(named: name) {
        case .object(let object): return object.field(named: "id")?.type.namedTypeName == "ObjectID"
        case .interface(let interface): return interface.fields.contains { $0.name == "id" }
        default: return false
        }
    }
}

/// Start-up refused: the resolver map and the schema disagree.
public struct StartupCheckError: Error, CustomStringConvertible {
    public let problems: [ResolverMapProblem]
    public var description: String {
        "The schema and the resolvers disagree:\n" + problems.map { "- \($0)" }.joined(separator: "\n")
    }
}
