import GraphQL

/// GraphQLSwift 4.3 (`import GraphQL`) under the benchmark's default semantics,
/// through its public pipeline: `parse`, `validate`, `execute`, then its
/// `GraphQLJSONEncoder` (which keeps the response's field order).
struct GraphQLSwiftEngine: BenchEngine {
    let name = "graphqlswift"
    let notes: [String]
    private let schema: GraphQLSchema
    private let rootValue: any Sendable
    private let variables: [String: Map]
    private let query: String
    private let operationName: String?
    private let encoder = GraphQLJSONEncoder()

    init(inputs: BenchInputs) throws {
        schema = try GraphQLSwiftSchema.build(sdl: inputs.schemaSDL)
        let data = try OrderedJSONParser.parse(inputs.dataJSON)
        rootValue = JSONObject.native(data) ?? JSONObject(.dictionary([:]))
        if let variablesJSON = inputs.variablesJSON {
            guard case .dictionary(let members) = try OrderedJSONParser.parse(variablesJSON) else {
                throw UsageError("the variables file must hold a JSON object")
            }
            variables = Dictionary(uniqueKeysWithValues: members.map { ($0.key, $0.value) })
        } else {
            variables = [:]
        }
        query = inputs.query
        operationName = inputs.operationName
        let hasAbstractTypes = schema.typeMap.values.contains {
            !$0.name.hasPrefix("__") && ($0 is GraphQLInterfaceType || $0 is GraphQLUnionType)
        }
        notes =
            hasAbstractTypes
            ? [
                "interfaces and unions rebuilt with a resolveType reading __typename "
                    + "(buildSchema cannot attach one)"
            ] : []
    }

    func runOnce() async -> [UInt8] {
        let result: GraphQLResult
        do {
            let document = try parse(source: Source(body: query, name: "GraphQL request"))
            let errors = validate(schema: schema, ast: document)
            if errors.isEmpty {
                result = try await execute(
                    schema: schema,
                    documentAST: document,
                    rootValue: rootValue,
                    context: (),
                    variableValues: variables,
                    operationName: operationName
                )
            } else {
                result = GraphQLResult(errors: errors)
            }
        } catch let error as GraphQLError {
            result = GraphQLResult(errors: [error])
        } catch {
            result = GraphQLResult(errors: [GraphQLError(message: "\(error)")])
        }
        do {
            return Array(try encoder.encode(result))
        } catch {
            var bytes = Array("{\"errors\":[{\"message\":".utf8)
            OutputLine.appendString("response could not be encoded: \(error)", to: &bytes)
            bytes.append(contentsOf: "}]}".utf8)
            return bytes
        }
    }
}
