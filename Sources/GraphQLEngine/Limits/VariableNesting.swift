/// `QueryLimits.maxNesting` for a request's variables: a list or an object
/// value nests one level deeper than its deepest item, as the same value
/// written in the document would count against the parser's nesting cap.
///
/// Checked before the variables are coerced, since coercion, like every
/// stage that reads them after it (equality, hashing, writing them back out),
/// recurses once per level: in a debug build coercing one level of a
/// recursive input object takes about 3.6 KiB of stack. Measured with an
/// explicit stack, so the check itself costs none.
enum VariableNesting {
    /// The refusal for the first variable (by name) nested deeper than
    /// `maxNesting`; nil when none is.
    static func check(_ variables: [String: JSONValue], maxNesting: Int) -> GraphQLError? {
        for name in variables.keys.sorted() {
            guard let value = variables[name] else { continue }
            let depth = nesting(of: value, cappedAt: maxNesting + 1)
            if depth > maxNesting {
                return GraphQLError(
                    message: "Variable \"$\(name)\" nests more than \(maxNesting) deep; "
                        + "the maximum nesting depth is \(maxNesting).",
                    extensions: [("code", .string(GraphQLError.Code.maxNestingExceeded))])
            }
        }
        return nil
    }

    /// How deeply a value nests (0 for a scalar), counted no further than
    /// `cap`: a value at least that deep answers `cap`.
    static func nesting(of value: JSONValue, cappedAt cap: Int) -> Int {
        var deepest = 0
        var pending: [(value: JSONValue, depth: Int)] = [(value, 0)]
        while let (value, depth) = pending.popLast() {
            switch value {
            case .list(let items):
                deepest = max(deepest, depth + 1)
                if deepest >= cap { return cap }
                for item in items { pending.append((item, depth + 1)) }
            case .object(let entries):
                deepest = max(deepest, depth + 1)
                if deepest >= cap { return cap }
                for entry in entries { pending.append((entry.value, depth + 1)) }
            case .null, .bool, .int, .double, .string:
                continue
            }
        }
        return deepest
    }
}
