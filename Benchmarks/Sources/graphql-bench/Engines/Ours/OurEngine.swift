import GraphQLEngine

/// Our engine (`GraphQLEngine`) under the benchmark's default semantics, through
/// its public pipeline with no document cache: `Parser.parse`, `validate`, then
/// `execute` with the default resolver (a field reads the same-named key of its
/// parent JSON object; abstract types resolve by `__typename`; custom scalars
/// pass their JSON value through), and `GraphQLResponse.jsonBytes()`.
struct OurEngine: BenchEngine {
    let name = "ours"
    let notes: [String] = []
    private let schema: ExecutableSchema
    private let rootValue: JSONValue
    private let variables: [String: JSONValue]
    private let query: String
    private let operationName: String?

    init(inputs: BenchInputs) throws(UsageError) {
        do {
            schema = try ExecutableSchema(schema: try buildSchema(sdl: inputs.schemaSDL))
        } catch {
            throw UsageError("ours: cannot build the schema: \(error)")
        }
        do {
            rootValue = try JSONValue(parsingJSON: inputs.dataJSON)
        } catch {
            throw UsageError("ours: the data file is not JSON: \(error)")
        }
        if let variablesJSON = inputs.variablesJSON {
            let parsed: JSONValue
            do {
                parsed = try JSONValue(parsingJSON: variablesJSON)
            } catch {
                throw UsageError("ours: the variables file is not JSON: \(error)")
            }
            guard case .object(let members) = parsed else {
                throw UsageError("the variables file must hold a JSON object")
            }
            var variables: [String: JSONValue] = [:]
            // A repeated key keeps its last value, as JSON.parse does on the node side.
            for member in members { variables[member.key] = member.value }
            self.variables = variables
        } else {
            variables = [:]
        }
        query = inputs.query
        operationName = inputs.operationName
    }

    func runOnce() async -> [UInt8] {
        let response: GraphQLResponse
        do {
            let document = try Parser.parse(Source(query, name: "GraphQL request"))
            let errors = validate(schema: schema.schema, document: document)
            if errors.isEmpty {
                response = await execute(
                    schema: schema, document: document, variables: variables, operationName: operationName,
                    rootValue: rootValue)
            } else {
                response = GraphQLResponse(errors: errors)
            }
        } catch {
            response = GraphQLResponse(errors: [error])
        }
        return response.jsonBytes()
    }
}
