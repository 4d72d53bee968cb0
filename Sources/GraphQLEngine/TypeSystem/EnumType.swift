/// An enum type: one of a fixed set of names.
/// https://spec.graphql.org/October2021/#sec-Enums
public final class EnumType: Sendable, HasAppliedDirectives {
    public let name: String
    public let description: String?
    /// Values in definition order (definition first, then extensions).
    public let values: [GraphQLEnumValue]
    public let directives: [AppliedDirective]
    public let astNode: EnumTypeDefinition?
    public let extensionASTNodes: [EnumTypeExtension]
    private let valueIndex: [String: Int]
    private let internalIndex: [JSONValue: Int]

    public init(
        name: String, description: String? = nil, values: [GraphQLEnumValue], directives: [AppliedDirective] = [],
        astNode: EnumTypeDefinition? = nil, extensionASTNodes: [EnumTypeExtension] = []
    ) {
        self.name = name
        self.description = description
        self.values = values
        self.directives = directives
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        self.valueIndex = firstIndexByName(values.map(\.name))
        var internalIndex: [JSONValue: Int] = [:]
        for (position, value) in values.enumerated() where internalIndex[value.value] == nil {
            internalIndex[value.value] = position
        }
        self.internalIndex = internalIndex
    }

    /// The enum value of that (client-facing) name.
    public func value(named name: String) -> GraphQLEnumValue? {
        valueIndex[name].map { values[$0] }
    }

    /// The enum value standing for an internal value, for serialization.
    public func value(forInternal internalValue: JSONValue) -> GraphQLEnumValue? {
        internalIndex[internalValue].map { values[$0] }
    }

    /// Result coercion: an internal value to the name sent to clients.
    /// https://spec.graphql.org/October2021/#sec-Enums.Result-Coercion
    public func serialize(_ internalValue: JSONValue) throws -> JSONValue {
        guard let value = value(forInternal: internalValue) else {
            throw CoercionError("Enum \"\(name)\" cannot represent value: \(internalValue.inspected)")
        }
        return .string(value.name)
    }

    /// Input coercion of a variable's value: a name to its internal value.
    /// https://spec.graphql.org/October2021/#sec-Enums.Input-Coercion
    public func parseValue(_ input: JSONValue) throws -> JSONValue {
        guard case .string(let text) = input else {
            let shown = input.inspected
            throw CoercionError(
                "Enum \"\(name)\" cannot represent non-string value: \(shown).", suggestion: suggestion(for: shown))
        }
        guard let value = value(named: text) else {
            throw CoercionError(
                "Value \"\(text)\" does not exist in \"\(name)\" enum.", suggestion: suggestion(for: text))
        }
        return value.value
    }

    /// Input coercion of a literal: an enum literal to its internal value.
    public func parseLiteral(_ literal: Value) throws -> JSONValue {
        guard case .enumValue(let node) = literal else {
            let shown = printLiteral(literal)
            throw CoercionError(
                "Enum \"\(name)\" cannot represent non-enum value: \(shown).", suggestion: suggestion(for: shown))
        }
        guard let value = value(named: node.value) else {
            throw CoercionError(
                "Value \"\(node.value)\" does not exist in \"\(name)\" enum.", suggestion: suggestion(for: node.value))
        }
        return value.value
    }

    private func suggestion(for input: String) -> String {
        didYouMean(suggestionList(input, options: values.map(\.name)), subMessage: "the enum value")
    }
}
