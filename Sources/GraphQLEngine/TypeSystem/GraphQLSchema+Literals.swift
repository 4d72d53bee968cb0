extension GraphQLSchema {
    /// Coerces a literal written in a document to a value of `type`, or nil
    /// when it is not a valid value of that type.
    ///
    /// This is the spec's input coercion of literals
    /// (https://spec.graphql.org/October2021/#sec-Input-Values) as graphql-js's
    /// `valueFromAST` does it: lists accept a single item, input object fields
    /// take their defaults, enums map to their internal values and scalars go
    /// through their `parseLiteral` hook. A variable takes its value from
    /// `variables` (nil: no variables known, so any variable is invalid);
    /// a missing variable in a nullable list item or input field counts as
    /// absent. Validation reports *why* a literal is invalid; this only says
    /// whether it is and what it means.
    public func coerceLiteral(_ literal: Value, to type: TypeRef, variables: [String: JSONValue]? = nil) -> JSONValue? {
        if case .variable(let variable) = literal {
            guard let value = variables?[variable.name.value] else { return nil }
            if value.isNull && type.isNonNull { return nil }
            return value
        }
        switch type {
        case .nonNull(let inner):
            if case .null = literal { return nil }
            return coerceLiteral(literal, to: inner, variables: variables)
        case .list(let itemType):
            if case .null = literal { return .null }
            guard case .list(let list) = literal else {
                return coerceLiteral(literal, to: itemType, variables: variables).map { .list([$0]) }
            }
            var items: [JSONValue] = []
            items.reserveCapacity(list.values.count)
            for item in list.values {
                if isMissingVariable(item, variables) {
                    if itemType.isNonNull { return nil }
                    items.append(.null)
                    continue
                }
                guard let value = coerceLiteral(item, to: itemType, variables: variables) else { return nil }
                items.append(value)
            }
            return .list(items)
        case .named(let name):
            if case .null = literal { return .null }
            switch self.type(named: name) {
            case .scalar(let scalar):
                return try? scalar.coercion.parseLiteral(literal, variables: variables ?? [:])
            case .enumType(let enumType):
                return try? enumType.parseLiteral(literal)
            case .inputObject(let input):
                guard case .object(let object) = literal else { return nil }
                var given: [String: Value] = [:]
                for field in object.fields where given[field.name.value] == nil {
                    given[field.name.value] = field.value
                }
                var entries: [(key: String, value: JSONValue)] = []
                for field in input.fields {
                    guard let fieldLiteral = given[field.name], !isMissingVariable(fieldLiteral, variables) else {
                        if field.defaultValue != nil {
                            guard let value = defaultValue(of: field) else { return nil }
                            entries.append((field.name, value))
                        } else if field.type.isNonNull {
                            return nil
                        }
                        continue
                    }
                    guard let value = coerceLiteral(fieldLiteral, to: field.type, variables: variables) else {
                        return nil
                    }
                    entries.append((field.name, value))
                }
                return .object(entries)
            default:
                return nil
            }
        }
    }

    /// The default value of an argument or input field, coerced; nil when it
    /// has none (or an invalid one).
    public func defaultValue(of inputValue: GraphQLInputValue) -> JSONValue? {
        if let coerced = inputValue.coercedDefaultValue { return coerced }
        guard let literal = inputValue.defaultValue else { return nil }
        return coerceLiteral(literal, to: inputValue.type)
    }

    private func isMissingVariable(_ literal: Value, _ variables: [String: JSONValue]?) -> Bool {
        guard case .variable(let variable) = literal else { return false }
        return variables?[variable.name.value] == nil
    }
}
