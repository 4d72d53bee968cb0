/// Writes an AST back as GraphQL text, in the canonical layout graphql-js 16's
/// `print` uses (two-space indentation, one selection per line, arguments
/// wrapped one per line when a field's line would pass 80 characters, block
/// strings kept as block strings). Parsing the output gives the same AST
/// (locations aside), and printing that gives the same text.
///
/// Validation messages that quote a value or type use these functions too, so
/// they read as graphql-js's do.
public enum Printer {
    /// The whole document, definitions separated by a blank line.
    public static func print(_ document: Document) -> String {
        join(document.definitions.map(print), "\n\n")
    }

    public static func print(_ definition: Definition) -> String {
        switch definition {
        case .operation(let node): print(node)
        case .fragment(let node): print(node)
        case .schema(let node): print(node)
        case .scalarType(let node): print(node)
        case .objectType(let node): print(node)
        case .interfaceType(let node): print(node)
        case .unionType(let node): print(node)
        case .enumType(let node): print(node)
        case .inputObjectType(let node): print(node)
        case .directive(let node): print(node)
        case .schemaExtension(let node): print(node)
        case .scalarTypeExtension(let node): print(node)
        case .objectTypeExtension(let node): print(node)
        case .interfaceTypeExtension(let node): print(node)
        case .unionTypeExtension(let node): print(node)
        case .enumTypeExtension(let node): print(node)
        case .inputObjectTypeExtension(let node): print(node)
        }
    }

    // MARK: - Executable definitions

    public static func print(_ node: OperationDefinition) -> String {
        let variables = wrap("(", join(node.variableDefinitions.map(print), ", "), ")")
        let prefix = join(
            [
                node.operation.rawValue, join([node.name?.value ?? "", variables], ""),
                join(node.directives.map(print), " "),
            ], " ")
        // The shorthand form is used whenever nothing but the selection set is there.
        return (prefix == "query" ? "" : prefix + " ") + print(node.selectionSet)
    }

    public static func print(_ node: VariableDefinition) -> String {
        "$" + node.variable.name.value + ": " + print(node.type)
            + wrap(" = ", node.defaultValue.map(print) ?? "")
            + wrap(" ", join(node.directives.map(print), " "))
    }

    public static func print(_ node: SelectionSet) -> String {
        block(node.selections.map(print))
    }

    public static func print(_ node: Selection) -> String {
        switch node {
        case .field(let field): print(field)
        case .fragmentSpread(let spread): print(spread)
        case .inlineFragment(let fragment): print(fragment)
        }
    }

    public static func print(_ node: Field) -> String {
        let prefix = wrap("", node.alias?.value ?? "", ": ") + node.name.value
        let arguments = node.arguments.map(print)
        var argumentsLine = prefix + wrap("(", join(arguments, ", "), ")")
        if argumentsLine.utf16.count > maxLineLength {
            argumentsLine = prefix + wrap("(\n", indent(join(arguments, "\n")), "\n)")
        }
        return join(
            [argumentsLine, join(node.directives.map(print), " "), node.selectionSet.map(print) ?? ""], " ")
    }

    public static func print(_ node: Argument) -> String {
        node.name.value + ": " + print(node.value)
    }

    public static func print(_ node: FragmentSpread) -> String {
        "..." + node.name.value + wrap(" ", join(node.directives.map(print), " "))
    }

    public static func print(_ node: InlineFragment) -> String {
        join(
            [
                "...", wrap("on ", node.typeCondition?.name.value ?? ""),
                join(node.directives.map(print), " "),
                print(node.selectionSet),
            ], " ")
    }

    public static func print(_ node: FragmentDefinition) -> String {
        "fragment \(node.name.value) on \(node.typeCondition.name.value) "
            + wrap("", join(node.directives.map(print), " "), " ") + print(node.selectionSet)
    }

    public static func print(_ node: Directive) -> String {
        "@" + node.name.value + wrap("(", join(node.arguments.map(print), ", "), ")")
    }

    // MARK: - Values and types

    public static func print(_ value: Value) -> String {
        switch value {
        case .variable(let node): "$" + node.name.value
        case .int(let node): node.value
        case .float(let node): node.value
        case .string(let node): print(node)
        case .boolean(let node): node.value ? "true" : "false"
        case .null: "null"
        case .enumValue(let node): node.value
        case .list(let node): "[" + join(node.values.map(print), ", ") + "]"
        case .object(let node):
            "{" + join(node.fields.map { $0.name.value + ": " + print($0.value) }, ", ") + "}"
        }
    }

    public static func print(_ node: StringValue) -> String {
        node.block ? BlockString.print(node.value) : quoted(node.value)
    }

    public static func print(_ type: TypeReference) -> String {
        switch type {
        case .named(let node): node.name.value
        case .list(let node): "[" + print(node.type) + "]"
        case .nonNull(let node): print(node.type) + "!"
        }
    }

    /// A string as a GraphQL string literal: quotes, backslashes and control
    /// characters (C0, DEL and C1) escaped, everything else written as is.
    public static func quoted(_ value: String) -> String {
        var result = "\""
        result.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x08: result += "\\b"
            case 0x09: result += "\\t"
            case 0x0A: result += "\\n"
            case 0x0C: result += "\\f"
            case 0x0D: result += "\\r"
            case 0x00...0x1F, 0x7F...0x9F:
                let digits = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    // MARK: - Type system

    public static func print(_ node: SchemaDefinition) -> String {
        description(node.description)
            + join(
                ["schema", join(node.directives.map(print), " "), block(node.operationTypes.map(print))], " ")
    }

    public static func print(_ node: OperationTypeDefinition) -> String {
        node.operation.rawValue + ": " + node.type.name.value
    }

    public static func print(_ node: ScalarTypeDefinition) -> String {
        description(node.description)
            + join(["scalar", node.name.value, join(node.directives.map(print), " ")], " ")
    }

    public static func print(_ node: ObjectTypeDefinition) -> String {
        description(node.description)
            + join(
                [
                    "type", node.name.value, implements(node.interfaces),
                    join(node.directives.map(print), " "),
                    block(node.fields.map(print)),
                ], " ")
    }

    public static func print(_ node: FieldDefinition) -> String {
        description(node.description) + node.name.value + argumentDefinitions(node.arguments) + ": "
            + print(node.type) + wrap(" ", join(node.directives.map(print), " "))
    }

    public static func print(_ node: InputValueDefinition) -> String {
        description(node.description)
            + join(
                [
                    node.name.value + ": " + print(node.type), wrap("= ", node.defaultValue.map(print) ?? ""),
                    join(node.directives.map(print), " "),
                ], " ")
    }

    public static func print(_ node: InterfaceTypeDefinition) -> String {
        description(node.description)
            + join(
                [
                    "interface", node.name.value, implements(node.interfaces),
                    join(node.directives.map(print), " "), block(node.fields.map(print)),
                ], " ")
    }

    public static func print(_ node: UnionTypeDefinition) -> String {
        description(node.description)
            + join(
                ["union", node.name.value, join(node.directives.map(print), " "), unionMembers(node.types)],
                " ")
    }

    public static func print(_ node: EnumTypeDefinition) -> String {
        description(node.description)
            + join(
                [
                    "enum", node.name.value, join(node.directives.map(print), " "),
                    block(node.values.map(print)),
                ],
                " ")
    }

    public static func print(_ node: EnumValueDefinition) -> String {
        description(node.description) + join([node.name.value, join(node.directives.map(print), " ")], " ")
    }

    public static func print(_ node: InputObjectTypeDefinition) -> String {
        description(node.description)
            + join(
                [
                    "input", node.name.value, join(node.directives.map(print), " "),
                    block(node.fields.map(print)),
                ],
                " ")
    }

    public static func print(_ node: DirectiveDefinition) -> String {
        description(node.description) + "directive @" + node.name.value + argumentDefinitions(node.arguments)
            + (node.repeatable ? " repeatable" : "") + " on " + join(node.locations.map(\.value), " | ")
    }

    public static func print(_ node: SchemaExtension) -> String {
        join(
            ["extend schema", join(node.directives.map(print), " "), block(node.operationTypes.map(print))],
            " ")
    }

    public static func print(_ node: ScalarTypeExtension) -> String {
        join(["extend scalar", node.name.value, join(node.directives.map(print), " ")], " ")
    }

    public static func print(_ node: ObjectTypeExtension) -> String {
        join(
            [
                "extend type", node.name.value, implements(node.interfaces),
                join(node.directives.map(print), " "),
                block(node.fields.map(print)),
            ], " ")
    }

    public static func print(_ node: InterfaceTypeExtension) -> String {
        join(
            [
                "extend interface", node.name.value, implements(node.interfaces),
                join(node.directives.map(print), " "), block(node.fields.map(print)),
            ], " ")
    }

    public static func print(_ node: UnionTypeExtension) -> String {
        join(
            [
                "extend union", node.name.value, join(node.directives.map(print), " "),
                unionMembers(node.types),
            ], " ")
    }

    public static func print(_ node: EnumTypeExtension) -> String {
        join(
            [
                "extend enum", node.name.value, join(node.directives.map(print), " "),
                block(node.values.map(print)),
            ],
            " ")
    }

    public static func print(_ node: InputObjectTypeExtension) -> String {
        join(
            [
                "extend input", node.name.value, join(node.directives.map(print), " "),
                block(node.fields.map(print)),
            ],
            " ")
    }

    // MARK: - Layout helpers

    private static let maxLineLength = 80

    private static func description(_ node: StringValue?) -> String {
        guard let node else { return "" }
        return print(node) + "\n"
    }

    private static func implements(_ interfaces: [NamedType]) -> String {
        wrap("implements ", join(interfaces.map(\.name.value), " & "))
    }

    private static func unionMembers(_ types: [NamedType]) -> String {
        wrap("= ", join(types.map(\.name.value), " | "))
    }

    /// Arguments on one line, or one per line when any of them spans lines
    /// (because it has a description).
    private static func argumentDefinitions(_ arguments: [InputValueDefinition]) -> String {
        let printed = arguments.map(print)
        if printed.contains(where: { $0.contains("\n") }) {
            return wrap("(\n", indent(join(printed, "\n")), "\n)")
        }
        return wrap("(", join(printed, ", "), ")")
    }

    /// The non-empty parts joined by `separator`.
    private static func join(_ parts: [String], _ separator: String) -> String {
        var result = ""
        var first = true
        for part in parts where !part.isEmpty {
            if !first { result += separator }
            result += part
            first = false
        }
        return result
    }

    /// `{`, the items indented one per line, `}`; nothing for no items.
    private static func block(_ items: [String]) -> String {
        wrap("{\n", indent(join(items, "\n")), "\n}")
    }

    /// `start + text + end`, or nothing when `text` is empty.
    private static func wrap(_ start: String, _ text: String, _ end: String = "") -> String {
        text.isEmpty ? "" : start + text + end
    }

    /// Every line of `text` indented by two spaces.
    private static func indent(_ text: String) -> String {
        wrap("  ", text.replacingOccurrences(of: "\n", with: "\n  "))
    }
}

extension String {
    /// `replacingOccurrences` without Foundation, for the single-character
    /// patterns the printer needs.
    fileprivate func replacingOccurrences(of target: Unicode.Scalar, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if scalar == target { result += replacement } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
