// Value literals (https://spec.graphql.org/October2021/#sec-Input-Values).

extension Parser {
    /// A value; in a constant position (`isConst`) a variable is an error.
    /// Lists and objects recurse; the other kinds are read out of line so that
    /// the recursive frames stay small.
    mutating func parseValueLiteral(isConst: Bool) throws(GraphQLError) -> Value {
        switch token.kind {
        case .bracketL: return .list(try parseList(isConst: isConst))
        case .braceL: return .object(try parseObject(isConst: isConst))
        default: return try parseScalarValueLiteral(isConst: isConst)
        }
    }

    /// A value that is neither a list nor an object.
    @inline(never)
    mutating func parseScalarValueLiteral(isConst: Bool) throws(GraphQLError) -> Value {
        let current = token
        switch current.kind {
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
    @inline(never)
    mutating func parseStringLiteral() throws(GraphQLError) -> StringValue {
        let current = token
        try advance()
        return StringValue(value: current.value ?? "", block: current.kind == .blockString, loc: loc(current))
    }

    /// `[ Value* ]`, one nesting level deeper.
    mutating func parseList(isConst: Bool) throws(GraphQLError) -> ListValue {
        let start = token
        try enterNesting()
        defer { leaveNesting() }
        try expect(.bracketL)
        var values: [Value] = []
        while try !expectOptional(.bracketR) {
            values.append(try parseValueLiteral(isConst: isConst))
        }
        return ListValue(values: values, loc: loc(start))
    }

    /// `{ ObjectField* }`, one nesting level deeper.
    mutating func parseObject(isConst: Bool) throws(GraphQLError) -> ObjectValue {
        let start = token
        try enterNesting()
        defer { leaveNesting() }
        try expect(.braceL)
        var fields: [ObjectField] = []
        while try !expectOptional(.braceR) {
            fields.append(try parseObjectField(isConst: isConst))
        }
        return ObjectValue(fields: fields, loc: loc(start))
    }

    /// `Name : Value`.
    @inline(never)
    mutating func parseObjectField(isConst: Bool) throws(GraphQLError) -> ObjectField {
        let start = token
        let name = try parseName()
        try expect(.colon)
        let value = try parseValueLiteral(isConst: isConst)
        return ObjectField(name: name, value: value, loc: loc(start))
    }
}
