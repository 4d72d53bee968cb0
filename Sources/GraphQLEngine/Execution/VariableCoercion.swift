/// Coerces the variable values a request supplies to the operation's variable
/// types (https://spec.graphql.org/October2021/#CoerceVariableValues()).
///
/// Messages are worded as graphql-js 16's `coerceVariableValues` words them,
/// for example `Variable "$x" of required type "Int!" was not provided.` or
/// `Variable "$x" got invalid value 2147483648; Int cannot represent non
/// 32-bit signed integer value: 2147483648`. As graphql-js, it stops after 50 errors.
struct VariableCoercion {
    let schema: GraphQLSchema
    let source: Source
    /// Whether messages may end in "Did you mean ...?" hints (which name
    /// schema members: off when the server hides its schema).
    var suggestions = true
    static let maxErrors = 50

    /// The coerced values, or the errors (never both).
    func coerce(_ definitions: [VariableDefinition], inputs: [String: JSONValue]) -> (
        values: [String: JSONValue], errors: [GraphQLError]
    ) {
        var coerced: [String: JSONValue] = [:]
        var errors: [GraphQLError] = []
        for definition in definitions {
            if errors.count >= VariableCoercion.maxErrors {
                errors.append(
                    GraphQLError(
                        message: "Too many errors processing variables, error limit reached. Execution aborted.",
                        extensions: [("code", .string(GraphQLError.Code.badUserInput))]))
                break
            }
            let name = definition.variable.name.value
            let type = TypeRef(definition.type)
            func fail(_ message: String) {
                errors.append(
                    GraphQLError(
                        message: message, locations: [source.location(at: definition.loc.start)],
                        extensions: [("code", .string(GraphQLError.Code.badUserInput))]))
            }
            guard schema.isInputType(type) else {
                fail(
                    "Variable \"$\(name)\" expected value of type \"\(type)\" which cannot be used as an input type.")
                continue
            }
            guard let value = inputs[name] else {
                if let defaultLiteral = definition.defaultValue {
                    if let value = schema.coerceLiteral(defaultLiteral, to: type) { coerced[name] = value }
                } else if type.isNonNull {
                    fail("Variable \"$\(name)\" of required type \"\(type)\" was not provided.")
                }
                continue
            }
            if value.isNull && type.isNonNull {
                fail("Variable \"$\(name)\" of non-null type \"\(type)\" must not be null.")
                continue
            }
            var problems: [InputProblem] = []
            let result = coerceInput(value, to: type, path: [], problems: &problems)
            for problem in problems {
                var prefix = "Variable \"$\(name)\" got invalid value \(problem.value.inspected)"
                if !problem.path.isEmpty { prefix += " at \"\(name)\(printPath(problem.path))\"" }
                fail(prefix + "; " + problem.message)
            }
            if problems.isEmpty, let result { coerced[name] = result }
        }
        return errors.isEmpty ? (coerced, []) : ([:], errors)
    }

    struct InputProblem {
        let path: [PathComponent]
        let value: JSONValue
        let message: String
    }

    /// https://spec.graphql.org/October2021/#sec-Input-Values (graphql-js's `coerceInputValue`).
    func coerceInput(_ value: JSONValue, to type: TypeRef, path: [PathComponent], problems: inout [InputProblem])
        -> JSONValue?
    {
        switch type {
        case .nonNull(let inner):
            if value.isNull {
                problems.append(
                    InputProblem(
                        path: path, value: value, message: "Expected non-nullable type \"\(type)\" not to be null."))
                return nil
            }
            return coerceInput(value, to: inner, path: path, problems: &problems)
        case .list(let itemType):
            if value.isNull { return .null }
            guard case .list(let items) = value else {
                return coerceInput(value, to: itemType, path: path, problems: &problems).map { .list([$0]) }
            }
            var coerced: [JSONValue] = []
            coerced.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                if let itemValue = coerceInput(item, to: itemType, path: path + [.index(index)], problems: &problems) {
                    coerced.append(itemValue)
                }
            }
            return .list(coerced)
        case .named(let name):
            if value.isNull { return .null }
            switch schema.type(named: name) {
            case .inputObject(let input):
                guard case .object(let entries) = value else {
                    problems.append(
                        InputProblem(path: path, value: value, message: "Expected type \"\(name)\" to be an object."))
                    return nil
                }
                var coerced: [(key: String, value: JSONValue)] = []
                for field in input.fields {
                    guard let fieldValue = entries.first(where: { $0.key == field.name })?.value else {
                        if let defaultValue = schema.defaultValue(of: field) {
                            coerced.append((field.name, defaultValue))
                        } else if field.type.isNonNull {
                            problems.append(
                                InputProblem(
                                    path: path, value: value,
                                    message:
                                        "Field \"\(field.name)\" of required type \"\(field.type)\" was not provided."))
                        }
                        continue
                    }
                    if let fieldResult = coerceInput(
                        fieldValue, to: field.type, path: path + [.key(field.name)], problems: &problems)
                    {
                        coerced.append((field.name, fieldResult))
                    }
                }
                for entry in entries where input.field(named: entry.key) == nil {
                    let hint =
                        suggestions ? didYouMean(suggestionList(entry.key, options: input.fields.map(\.name))) : ""
                    problems.append(
                        InputProblem(
                            path: path, value: value,
                            message: "Field \"\(entry.key)\" is not defined by type \"\(name)\"." + hint))
                }
                return .object(coerced)
            case .scalar(let scalar):
                do {
                    return try scalar.coercion.parseValue(value)
                } catch {
                    problems.append(InputProblem(path: path, value: value, message: message(of: error, type: name)))
                    return nil
                }
            case .enumType(let enumType):
                do {
                    return try enumType.parseValue(value)
                } catch {
                    problems.append(InputProblem(path: path, value: value, message: message(of: error, type: name)))
                    return nil
                }
            default:
                problems.append(InputProblem(path: path, value: value, message: "Expected type \"\(name)\"."))
                return nil
            }
        }
    }

    private func message(of error: any Error, type: String) -> String {
        if let coercion = error as? CoercionError { return coercion.text(suggestions: suggestions) }
        if let graphQL = error as? GraphQLError { return graphQL.message }
        return "Expected type \"\(type)\"."
    }

    /// `.field[0].other`, as graphql-js's `printPathArray` writes a path.
    private func printPath(_ path: [PathComponent]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key): text += "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
