/// One reason a runtime input value (a variable's value) does not fit its type.
public struct InputCoercionError: Error, Sendable, Equatable {
    /// Where inside the value the problem is (`[.key("a"), .index(0)]`), empty at the top.
    public var path: [PathComponent]
    /// The part of the value that was rejected.
    public var invalidValue: JSONValue
    /// What is wrong, worded as graphql-js 16 words it.
    public var message: String

    public init(path: [PathComponent], invalidValue: JSONValue, message: String) {
        self.path = path
        self.invalidValue = invalidValue
        self.message = message
    }

    /// The path as graphql-js prints it after a root name: `.a[0].b`.
    public var printedPath: String {
        path.map { component in
            switch component {
            case .key(let key): return "." + key
            case .index(let index): return "[\(index)]"
            }
        }.joined()
    }

    /// The message graphql-js's executor gives for a variable's value:
    /// `Variable "$point" got invalid value {} at "point.x"; Expected ...`.
    public func variableMessage(variableName: String) -> String {
        var prefix = "Variable \"$\(variableName)\" got invalid value \(invalidValue.inspected)"
        if !path.isEmpty { prefix += " at \"\(variableName)\(printedPath)\"" }
        return prefix + "; " + message
    }

    /// The message of graphql-js's `coerceInputValue` used on its own:
    /// `Invalid value 1 at "value.a": Expected ...`.
    public var standaloneMessage: String {
        var prefix = "Invalid value \(invalidValue.inspected)"
        if !path.isEmpty { prefix += " at \"value\(printedPath)\"" }
        return prefix + ": " + message
    }
}

extension GraphQLSchema {
    /// Input coercion of a runtime value (a variable's JSON value) to `type`,
    /// as the spec defines it for each kind of input type
    /// (https://spec.graphql.org/October2021/#sec-Coercing-Variable-Values):
    /// null only where nullable, a single value accepted for a list, input
    /// object fields defaulted, required and known, enums and scalars through
    /// their `parseValue`. Every problem is collected, not just the first, with
    /// graphql-js 16's messages; the value is nil when there was any.
    public func coerceInputValue(_ value: JSONValue, to type: TypeRef) -> (
        value: JSONValue?, errors: [InputCoercionError]
    ) {
        var errors: [InputCoercionError] = []
        var path: [PathComponent] = []
        let coerced = coerceInput(value, to: type, path: &path, errors: &errors)
        return (errors.isEmpty ? coerced : nil, errors)
    }

    private func coerceInput(
        _ value: JSONValue, to type: TypeRef, path: inout [PathComponent], errors: inout [InputCoercionError]
    ) -> JSONValue {
        switch type {
        case .nonNull(let inner):
            if !value.isNull { return coerceInput(value, to: inner, path: &path, errors: &errors) }
            errors.append(
                InputCoercionError(
                    path: path, invalidValue: value, message: "Expected non-nullable type \"\(type)\" not to be null."))
            return .null
        case .list(let itemType):
            if value.isNull { return .null }
            guard case .list(let items) = value else {
                return .list([coerceInput(value, to: itemType, path: &path, errors: &errors)])
            }
            var coerced: [JSONValue] = []
            coerced.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                path.append(.index(index))
                coerced.append(coerceInput(item, to: itemType, path: &path, errors: &errors))
                path.removeLast()
            }
            return .list(coerced)
        case .named(let name):
            if value.isNull { return .null }
            switch self.type(named: name) {
            case .inputObject(let input):
                return coerceInputObject(value, input, path: &path, errors: &errors)
            case .enumType(let enumType):
                return parseLeaf(value, typeName: name, path: path, errors: &errors) { try enumType.parseValue($0) }
            case .scalar(let scalar):
                return parseLeaf(value, typeName: name, path: path, errors: &errors) {
                    try scalar.coercion.parseValue($0)
                }
            default:
                errors.append(
                    InputCoercionError(path: path, invalidValue: value, message: "Expected type \"\(name)\"."))
                return .null
            }
        }
    }

    private func coerceInputObject(
        _ value: JSONValue, _ input: InputObjectType, path: inout [PathComponent], errors: inout [InputCoercionError]
    ) -> JSONValue {
        // JavaScript treats an array as an object with index keys; so do we,
        // to report what graphql-js reports.
        let entries: [(key: String, value: JSONValue)]
        switch value {
        case .object(let objectEntries): entries = objectEntries
        case .list(let items): entries = items.enumerated().map { (key: String($0.offset), value: $0.element) }
        default:
            errors.append(
                InputCoercionError(
                    path: path, invalidValue: value, message: "Expected type \"\(input.name)\" to be an object."))
            return .null
        }
        var given: [String: JSONValue] = [:]
        for entry in entries where given[entry.key] == nil { given[entry.key] = entry.value }
        var coerced: [(key: String, value: JSONValue)] = []
        for field in input.fields {
            guard let fieldValue = given[field.name] else {
                if let defaultValue = defaultValue(of: field) {
                    coerced.append((field.name, defaultValue))
                } else if field.type.isNonNull {
                    errors.append(
                        InputCoercionError(
                            path: path, invalidValue: value,
                            message: "Field \"\(field.name)\" of required type \"\(field.type)\" was not provided."))
                }
                continue
            }
            path.append(.key(field.name))
            coerced.append((field.name, coerceInput(fieldValue, to: field.type, path: &path, errors: &errors)))
            path.removeLast()
        }
        for entry in entries where input.field(named: entry.key) == nil {
            let suggestions = suggestionList(entry.key, options: input.fields.map(\.name))
            errors.append(
                InputCoercionError(
                    path: path, invalidValue: value,
                    message: "Field \"\(entry.key)\" is not defined by type \"\(input.name)\"."
                        + didYouMean(suggestions)))
        }
        return .object(coerced)
    }

    private func parseLeaf(
        _ value: JSONValue, typeName: String, path: [PathComponent], errors: inout [InputCoercionError],
        _ parse: (JSONValue) throws -> JSONValue
    ) -> JSONValue {
        do {
            return try parse(value)
        } catch let error as CoercionError {
            errors.append(InputCoercionError(path: path, invalidValue: value, message: error.description))
        } catch {
            // A hook that threw something else: say which type refused the value.
            errors.append(
                InputCoercionError(path: path, invalidValue: value, message: "Expected type \"\(typeName)\". \(error)"))
        }
        return .null
    }
}
