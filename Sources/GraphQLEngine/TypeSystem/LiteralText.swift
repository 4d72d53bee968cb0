/// A literal as graphql-js's printer writes it, for coercion error messages
/// (`Int cannot represent non-integer value: "abc"`).
func printLiteral(_ literal: Value) -> String {
    switch literal {
    case .variable(let node): return "$" + node.name.value
    case .int(let node): return node.value
    case .float(let node): return node.value
    case .string(let node): return node.block ? BlockString.print(node.value) : quotedGraphQLString(node.value)
    case .boolean(let node): return node.value ? "true" : "false"
    case .null: return "null"
    case .enumValue(let node): return node.value
    case .list(let node): return "[" + node.values.map(printLiteral).joined(separator: ", ") + "]"
    case .object(let node):
        return "{" + node.fields.map { $0.name.value + ": " + printLiteral($0.value) }.joined(separator: ", ") + "}"
    }
}

/// A string as a GraphQL string literal: quotes, backslashes and control
/// characters escaped as graphql-js's `printString` escapes them.
func quotedGraphQLString(_ string: String) -> String {
    var out = "\""
    for scalar in string.unicodeScalars {
        switch scalar.value {
        case 0x22: out += "\\\""
        case 0x5C: out += "\\\\"
        case 0x08: out += "\\b"
        case 0x09: out += "\\t"
        case 0x0A: out += "\\n"
        case 0x0C: out += "\\f"
        case 0x0D: out += "\\r"
        case 0x00...0x1F, 0x7F...0x9F: out += "\\u" + JSONValue.hex4(scalar.value).uppercased()
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
