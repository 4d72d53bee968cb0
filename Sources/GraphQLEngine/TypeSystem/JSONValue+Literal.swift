extension JSONValue {
    /// The JSON-shaped value a literal spells, without a type to guide it:
    /// enum values become strings, variables take their value from `variables`
    /// (missing ones become null; validation has ruled them out by then).
    /// Integers too large for `Int` are kept as doubles, as JavaScript would.
    public init(untypedLiteral literal: GraphQLEngine.Value, variables: [String: JSONValue] = [:]) {
        // `GraphQLEngine.Value` above: inside this extension a bare `Value`
        // names the dictionary-literal associated type (JSONValue itself) in
        // whole-module (release) builds.
        switch literal {
        case .variable(let node):
            self = variables[node.name.value] ?? .null
        case .int(let node):
            if let int = Int(node.value) {
                self = .int(int)
            } else {
                self = .double(Double(node.value) ?? .nan)
            }
        case .float(let node):
            self = .double(Double(node.value) ?? .nan)
        case .string(let node):
            self = .string(node.value)
        case .boolean(let node):
            self = .bool(node.value)
        case .null:
            self = .null
        case .enumValue(let node):
            self = .string(node.value)
        case .list(let node):
            self = .list(node.values.map { JSONValue(untypedLiteral: $0, variables: variables) })
        case .object(let node):
            self = .object(
                node.fields.map { (key: $0.name.value, value: JSONValue(untypedLiteral: $0.value, variables: variables)) })
        }
    }
}
