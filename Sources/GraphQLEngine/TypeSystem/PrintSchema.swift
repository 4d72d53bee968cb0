/// The schema as SDL, laid out exactly as graphql-js 16's `printSchema` lays
/// it out: the schema definition (only when a description or a root type name
/// needs it), then the directives that are not built in, then the types that
/// are neither built-in scalars nor introspection types, in type-map order,
/// separated by blank lines. Applied directives other than `@deprecated` and
/// `@specifiedBy` are not printed (graphql-js does not print them either);
/// default values are printed in their coerced, canonical form.
public func printSchema(_ schema: GraphQLSchema) -> String {
    SchemaPrinter(schema: schema).printFiltered(
        directives: { !BuiltInDirectives.isBuiltIn($0.name) },
        types: { !BuiltInScalars.isBuiltIn($0.name) && !IntrospectionTypes.isIntrospectionTypeName($0.name) })
}

/// The built-in directives and the introspection types as SDL, as graphql-js's
/// `printIntrospectionSchema` writes them.
public func printIntrospectionSchema(_ schema: GraphQLSchema) -> String {
    SchemaPrinter(schema: schema).printFiltered(
        directives: { BuiltInDirectives.isBuiltIn($0.name) },
        types: { IntrospectionTypes.isIntrospectionTypeName($0.name) })
}

/// One named type as SDL, as `printSchema` writes it.
public func printType(_ type: GraphQLNamedType, in schema: GraphQLSchema) -> String {
    SchemaPrinter(schema: schema).printType(type)
}

struct SchemaPrinter {
    let schema: GraphQLSchema

    func printFiltered(directives: (GraphQLDirective) -> Bool, types: (GraphQLNamedType) -> Bool) -> String {
        var parts: [String] = []
        if let definition = printSchemaDefinition() { parts.append(definition) }
        parts += schema.directives.filter(directives).map(printDirective)
        parts += schema.types.filter(types).map(printType)
        return parts.joined(separator: "\n\n")
    }

    private func printSchemaDefinition() -> String? {
        let usesCommonNames =
            (schema.queryTypeName == nil || schema.queryTypeName == "Query")
            && (schema.mutationTypeName == nil || schema.mutationTypeName == "Mutation")
            && (schema.subscriptionTypeName == nil || schema.subscriptionTypeName == "Subscription")
        if schema.description == nil && usesCommonNames { return nil }
        var operations: [String] = []
        if let name = schema.queryType?.name { operations.append("  query: \(name)") }
        if let name = schema.mutationType?.name { operations.append("  mutation: \(name)") }
        if let name = schema.subscriptionType?.name { operations.append("  subscription: \(name)") }
        return printDescription(schema.description) + "schema {\n" + operations.joined(separator: "\n") + "\n}"
    }

    func printType(_ type: GraphQLNamedType) -> String {
        switch type {
        case .scalar(let scalar):
            var text = printDescription(scalar.description) + "scalar \(scalar.name)"
            if let url = scalar.specifiedByURL { text += " @specifiedBy(url: \(Printer.quoted(url)))" }
            return text
        case .object(let object):
            return printDescription(object.description) + "type \(object.name)"
                + printImplements(object.interfaces) + printFields(object.fields)
        case .interface(let interface):
            return printDescription(interface.description) + "interface \(interface.name)"
                + printImplements(interface.interfaces) + printFields(interface.fields)
        case .union(let union):
            let members = union.types.isEmpty ? "" : " = " + union.types.joined(separator: " | ")
            return printDescription(union.description) + "union \(union.name)" + members
        case .enumType(let enumType):
            let values = enumType.values.enumerated().map { index, value in
                printDescription(value.description, indentation: "  ", firstInBlock: index == 0) + "  " + value.name
                    + printDeprecated(value.deprecationReason)
            }
            return printDescription(enumType.description) + "enum \(enumType.name)" + printBlock(values)
        case .inputObject(let input):
            let fields = input.fields.enumerated().map { index, field in
                printDescription(field.description, indentation: "  ", firstInBlock: index == 0) + "  "
                    + printInputValue(field)
            }
            return printDescription(input.description) + "input \(input.name)" + printBlock(fields)
        }
    }

    private func printImplements(_ interfaces: [String]) -> String {
        interfaces.isEmpty ? "" : " implements " + interfaces.joined(separator: " & ")
    }

    private func printFields(_ fields: [GraphQLField]) -> String {
        printBlock(
            fields.enumerated().map { index, field in
                printDescription(field.description, indentation: "  ", firstInBlock: index == 0) + "  " + field.name
                    + printArguments(field.arguments, indentation: "  ") + ": \(field.type)"
                    + printDeprecated(field.deprecationReason)
            })
    }

    private func printBlock(_ items: [String]) -> String {
        items.isEmpty ? "" : " {\n" + items.joined(separator: "\n") + "\n}"
    }

    private func printArguments(_ arguments: [GraphQLInputValue], indentation: String = "") -> String {
        if arguments.isEmpty { return "" }
        if arguments.allSatisfy({ $0.description == nil || $0.description == "" }) {
            return "(" + arguments.map(printInputValue).joined(separator: ", ") + ")"
        }
        let lines = arguments.enumerated().map { index, argument in
            printDescription(argument.description, indentation: "  " + indentation, firstInBlock: index == 0) + "  "
                + indentation + printInputValue(argument)
        }
        return "(\n" + lines.joined(separator: "\n") + "\n" + indentation + ")"
    }

    private func printInputValue(_ value: GraphQLInputValue) -> String {
        var text = "\(value.name): \(value.type)"
        if let defaultValue = schema.defaultValue(of: value),
            let literal = literalText(defaultValue, type: value.type)
        {
            text += " = " + literal
        }
        return text + printDeprecated(value.deprecationReason)
    }

    private func printDirective(_ directive: GraphQLDirective) -> String {
        printDescription(directive.description) + "directive @" + directive.name
            + printArguments(directive.arguments) + (directive.isRepeatable ? " repeatable" : "") + " on "
            + directive.locations.map(\.rawValue).joined(separator: " | ")
    }

    private func printDeprecated(_ reason: String?) -> String {
        guard let reason else { return "" }
        if reason == BuiltInDirectives.defaultDeprecationReason { return " @deprecated" }
        return " @deprecated(reason: \(Printer.quoted(reason)))"
    }

    private func printDescription(_ description: String?, indentation: String = "", firstInBlock: Bool = true)
        -> String
    {
        guard let description else { return "" }
        let literal =
            isPrintableAsBlockString(description) ? BlockString.print(description) : Printer.quoted(description)
        let prefix = !indentation.isEmpty && !firstInBlock ? "\n" + indentation : indentation
        return prefix + literal.replacingNewlines(with: "\n" + indentation) + "\n"
    }

    /// A coerced value written back as a literal of `type` (graphql-js's
    /// `astFromValue` followed by `print`); nil when there is nothing to write.
    func literalText(_ value: JSONValue, type: TypeRef) -> String? {
        switch type {
        case .nonNull(let inner):
            let text = literalText(value, type: inner)
            return text == "null" ? nil : text
        case .list(let itemType):
            if value.isNull { return "null" }
            guard case .list(let items) = value else { return literalText(value, type: itemType) }
            return "[" + items.compactMap { literalText($0, type: itemType) }.joined(separator: ", ") + "]"
        case .named(let name):
            if value.isNull { return "null" }
            switch schema.type(named: name) {
            case .inputObject(let input):
                guard case .object = value else { return nil }
                let fields = input.fields.compactMap { field -> String? in
                    guard let fieldValue = value[field.name], let text = literalText(fieldValue, type: field.type)
                    else { return nil }
                    return "\(field.name): \(text)"
                }
                return "{" + fields.joined(separator: ", ") + "}"
            case .enumType(let enumType):
                guard let serialized = try? enumType.serialize(value), case .string(let text) = serialized else {
                    return nil
                }
                return text
            case .scalar(let scalar):
                guard let serialized = try? scalar.coercion.serialize(value) else { return nil }
                return scalarLiteralText(serialized, isID: scalar.name == "ID")
            default:
                return nil
            }
        }
    }

    private func scalarLiteralText(_ serialized: JSONValue, isID: Bool) -> String? {
        switch serialized {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            guard d.isFinite else { return nil }
            return JSONValue.javaScriptNumberString(d)
        case .string(let s):
            if isID && isIntegerText(s) { return s }
            return Printer.quoted(s)
        case .list, .object:
            // graphql-js cannot print these (it throws); write them untyped.
            return untypedLiteralText(serialized)
        }
    }

    private func untypedLiteralText(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? JSONValue.javaScriptNumberString(d) : "null"
        case .string(let s): return Printer.quoted(s)
        case .list(let items): return "[" + items.map(untypedLiteralText).joined(separator: ", ") + "]"
        case .object(let entries):
            return "{" + entries.map { "\($0.key): \(untypedLiteralText($0.value))" }.joined(separator: ", ") + "}"
        }
    }
}

/// `-?(0|[1-9][0-9]*)`: how graphql-js recognises an integer when printing IDs.
private func isIntegerText(_ text: String) -> Bool {
    var digits = Substring(text)
    if digits.hasPrefix("-") { digits = digits.dropFirst() }
    guard let first = digits.first, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
    return first != "0" || digits.count == 1
}

/// Whether a description can be written as a block string and read back
/// unchanged (no control characters, no leading or trailing blank line, no
/// indentation common to every line), as graphql-js decides it.
func isPrintableAsBlockString(_ value: String) -> Bool {
    if value.isEmpty { return true }
    var isEmptyLine = true
    var hasIndent = false
    var hasCommonIndent = true
    var seenNonEmptyLine = false
    for scalar in value.unicodeScalars {
        switch scalar.value {
        case 0x00...0x08, 0x0B, 0x0C, 0x0E, 0x0F, 0x0D:
            return false
        case 0x0A:
            if isEmptyLine && !seenNonEmptyLine { return false }
            seenNonEmptyLine = true
            isEmptyLine = true
            hasIndent = false
        case 0x09, 0x20:
            if !hasIndent { hasIndent = isEmptyLine }
        default:
            if hasCommonIndent { hasCommonIndent = hasIndent }
            isEmptyLine = false
        }
    }
    if isEmptyLine { return false }
    if hasCommonIndent && seenNonEmptyLine { return false }
    return true
}

extension String {
    fileprivate func replacingNewlines(with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            if character == "\n" { result += replacement } else { result.append(character) }
        }
        return result
    }
}
