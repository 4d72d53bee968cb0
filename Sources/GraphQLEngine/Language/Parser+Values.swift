// Value literals (https://spec.graphql.org/October2021/#sec-Input-Values).

extension Parser {
    /// A value; in a constant position (`isConst`) a variable is an error.
    mutating func parseValueLiteral(isConst: Bool) throws(GraphQLError) -> Value {
        let current = token
        switch current.kind {
        case .bracketL:
            return .list(try parseList(isConst: isConst))
        case .braceL:
            return .object(try parseObject(isConst: isConst))
        case .int:
            try advance()
            return .int(IntValue(value: current.value ?? "", loc: loc(current)))
        case .float:
            try advance()
            return .float(FloatValue(value: current.value ?? "", loc: loc(current)))
        case .string, .blockString:
            return .string(try parseStringLiteral())
        case .name:
            try advance()
            switch current.value {
            case "true": return .boolean(BooleanValue(value: true, loc: loc(current)))
            case "false": return .boolean(BooleanValue(value: false, loc: loc(current)))
            case "null": return .null(NullValue(loc: loc(current)))
            default: return .enumValue(EnumValue(value: current.value ?? "", loc: loc(current)))
            }
        case .dollar:
            if isConst {
                try expect(.dollar)
                if token.kind == .name, let name = token.value {
                    throw syntaxError(
                        "Unexpected variable \"$\(name)\" in constant value.", at: current.start)
                }
                throw unexpected(current)
            }
            return .variable(try parseVariable())
        default:
            throw unexpected()
        }
    }

    /// A string or block string token as a `StringValue`.
    mutating func parseStringLiteral() throws(GraphQLError) -> StringValue {
        let current = token
        try advance()
        return StringValue(value: current.value ?? "", block: current.kind == .blockString, loc: loc(current))
    }

    /// `[ Value* ]`, one nesting level deeper.
    mutating func parseList(isConst: Bool) throws(GraphQLError) -> ListValue {
        try nested { (parser: inout Parser) throws(GraphQLError) in
            let start = parser.token
            let values = try parser.any(.bracketL, .bracketR) { (parser: inout Parser) throws(GraphQLError) in
                try parser.parseValueLiteral(isConst: isConst)
            }
            return ListValue(values: values, loc: parser.loc(start))
        }
    }

    /// `{ ObjectField* }`, one nesting level deeper.
    mutating func parseObject(isConst: Bool) throws(GraphQLError) -> ObjectValue {
        try nested { (parser: inout Parser) throws(GraphQLError) in
            let start = parser.token
            let fields = try parser.any(.braceL, .braceR) { (parser: inout Parser) throws(GraphQLError) in
                try parser.parseObjectField(isConst: isConst)
            }
            return ObjectValue(fields: fields, loc: parser.loc(start))
        }
    }

    /// `Name : Value`.
    mutating func parseObjectField(isConst: Bool) throws(GraphQLError) -> ObjectField {
        let start = token
        let name = try parseName()
        try expect(.colon)
        let value = try parseValueLiteral(isConst: isConst)
        return ObjectField(name: name, value: value, loc: loc(start))
    }
}
