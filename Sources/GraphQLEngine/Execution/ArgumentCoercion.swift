extension ExecutionState {
    /// https://spec.graphql.org/October2021/#CoerceArgumentValues()
    ///
    /// Errors are worded as graphql-js 16's `getArgumentValues` words them. A
    /// field's arguments depend only on its node and the variables, so they
    /// are coerced once per request, whatever the number of objects.
    func coerceArguments(_ definitions: [GraphQLInputValue], given: [Argument]) -> Result<ArgumentValues, GraphQLError>
    {
        if definitions.isEmpty { return .success(.empty) }
        let graphQLSchema = schema.schema
        var entries: [(name: String, value: JSONValue)] = []
        entries.reserveCapacity(definitions.count)
        for definition in definitions {
            let name = definition.name
            let type = definition.type
            guard let argument = given.first(where: { $0.name.value == name }) else {
                if let defaultValue = graphQLSchema.defaultValue(of: definition) {
                    entries.append((name, defaultValue))
                } else if type.isNonNull {
                    return .failure(
                        badInput("Argument \"\(name)\" of required type \"\(type)\" was not provided.", at: []))
                }
                continue
            }
            var isNull: Bool
            if case .null = argument.value { isNull = true } else { isNull = false }
            if case .variable(let variable) = argument.value {
                let variableName = variable.name.value
                guard let value = variables[variableName] else {
                    if let defaultValue = graphQLSchema.defaultValue(of: definition) {
                        entries.append((name, defaultValue))
                    } else if type.isNonNull {
                        return .failure(
                            badInput(
                                "Argument \"\(name)\" of required type \"\(type)\" was provided the variable \"$\(variableName)\" which was not provided a runtime value.",
                                at: [argument.value.loc]))
                    }
                    continue
                }
                isNull = value.isNull
            }
            if isNull && type.isNonNull {
                return .failure(
                    badInput(
                        "Argument \"\(name)\" of non-null type \"\(type)\" must not be null.", at: [argument.value.loc])
                )
            }
            guard let value = graphQLSchema.coerceLiteral(argument.value, to: type, variables: variables) else {
                return .failure(
                    badInput(
                        "Argument \"\(name)\" has invalid value \(Printer.print(argument.value)).",
                        at: [argument.value.loc]))
            }
            entries.append((name, value))
        }
        return .success(ArgumentValues(entries))
    }

    private func badInput(_ message: String, at locations: [Location]) -> GraphQLError {
        GraphQLError(
            message: message, locations: locations.map { document.source.location(at: $0.start) },
            extensions: [("code", .string(GraphQLError.Code.badUserInput))])
    }
}
