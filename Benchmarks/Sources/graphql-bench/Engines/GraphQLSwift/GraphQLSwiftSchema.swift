import GraphQL

/// GraphQLSwift's schema for a workload: its own `buildSchema` from the SDL, then
/// the two things SDL cannot say, added with the setters its types offer.
///
/// - Custom scalars pass the data file's JSON value through (`serialize`).
/// - Interfaces and unions resolve the runtime object type by the `__typename` key
///   of the data. GraphQLSwift takes a `resolveType` only when an interface or
///   union is constructed (the property is a `let`), and `buildSchema` constructs
///   them without one, so each abstract type is constructed again with a
///   `resolveType`, and the object types and fields that point at it are re-pointed
///   (their `fields` and `interfaces` are settable). Fields keep no resolver, so the
///   default resolver runs everywhere.
enum GraphQLSwiftSchema {
    static func build(sdl: String) throws -> GraphQLSchema {
        let document = try parse(source: Source(body: sdl, name: "schema"))
        let built = try buildASTSchema(documentAST: document)

        for case let scalar as GraphQLScalarType in built.typeMap.values
        where !builtInScalarNames.contains(scalar.name) {
            scalar.serialize = { JSONObject.json($0) }
        }

        let hasAbstractTypes = built.typeMap.values.contains {
            $0 is GraphQLInterfaceType || $0 is GraphQLUnionType
        }
        guard hasAbstractTypes else { return built }
        return try withTypenameResolution(built, description: schemaDescription(in: document))
    }

    private static let builtInScalarNames: Set<String> = ["Int", "Float", "String", "Boolean", "ID"]

    /// The `resolveType` given to every interface and union.
    private static let resolveByTypename: GraphQLTypeResolve = { value, info in
        if let object = value as? JSONObject, let typename = object.typename {
            return typename
        }
        throw GraphQLError(
            message: "The value of \(info.parentType).\(info.fieldName) has no \"__typename\" "
                + "to resolve its abstract type \(info.returnType) by."
        )
    }

    /// The description of the `schema { }` definition, which GraphQLSchema keeps
    /// internal and so has to be read from the SDL again for the rebuilt schema.
    private static func schemaDescription(in document: Document) -> String? {
        for case let definition as SchemaDefinition in document.definitions {
            return definition.description?.value
        }
        return nil
    }

    private static func withTypenameResolution(_ built: GraphQLSchema, description: String?) throws
        -> GraphQLSchema
    {
        let replacements = Replacements()
        let userTypes = built.typeMap.values.filter { !$0.name.hasPrefix("__") }

        for type in userTypes {
            if let interface = type as? GraphQLInterfaceType {
                replacements.types[interface.name] = try GraphQLInterfaceType(
                    name: interface.name,
                    description: interface.description,
                    fields: { try replacements.fields(interface.fields()) },
                    interfaces: { try interface.interfaces().map(replacements.interface) },
                    resolveType: resolveByTypename,
                    astNode: interface.astNode,
                    extensionASTNodes: interface.extensionASTNodes
                )
            } else if let union = type as? GraphQLUnionType {
                replacements.types[union.name] = try GraphQLUnionType(
                    name: union.name,
                    description: union.description,
                    resolveType: resolveByTypename,
                    types: { try union.types() }
                )
            }
        }
        for case let object as GraphQLObjectType in userTypes {
            let fields = object.fields
            let interfaces = object.interfaces
            object.fields = { try replacements.fields(fields()) }
            object.interfaces = { try interfaces().map(replacements.interface) }
        }

        return try GraphQLSchema(
            description: description,
            query: built.queryType,
            mutation: built.mutationType,
            subscription: built.subscriptionType,
            types: userTypes.map { replacements.types[$0.name] ?? $0 },
            directives: built.directives
        )
    }
}

/// The interfaces and unions constructed anew, by name, and the re-pointing of
/// output types at them. A class because the type thunks above share it and read
/// it only after every replacement exists.
private final class Replacements {
    var types: [String: any GraphQLNamedType] = [:]

    func fields(_ fields: GraphQLFieldMap) throws -> GraphQLFieldMap {
        try fields.mapValues { field in
            GraphQLField(
                type: try output(field.type),
                description: field.description,
                deprecationReason: field.deprecationReason,
                args: field.args,
                astNode: field.astNode
            )
        }
    }

    func interface(_ interface: GraphQLInterfaceType) throws -> GraphQLInterfaceType {
        guard let replacement = types[interface.name] as? GraphQLInterfaceType else {
            throw GraphQLError(message: "interface \(interface.name) was not rebuilt")
        }
        return replacement
    }

    private func output(_ type: any GraphQLOutputType) throws -> any GraphQLOutputType {
        guard let replaced = try replace(type) as? any GraphQLOutputType else {
            throw GraphQLError(message: "\(type) is not an output type")
        }
        return replaced
    }

    private func replace(_ type: any GraphQLType) throws -> any GraphQLType {
        if let list = type as? GraphQLList {
            return GraphQLList(try replace(list.ofType))
        }
        if let nonNull = type as? GraphQLNonNull {
            return try GraphQLNonNull(try replace(nonNull.ofType))
        }
        if let named = type as? any GraphQLNamedType, let replacement = types[named.name] {
            return replacement
        }
        return type
    }
}
