// Type-system definitions and extensions
// (https://spec.graphql.org/October2021/#sec-Type-System).

extension Parser {
    func peekDescription() -> Bool { peek(.string) || peek(.blockString) }

    /// An optional description (https://spec.graphql.org/October2021/#Description).
    mutating func parseDescription() throws(GraphQLError) -> StringValue? {
        peekDescription() ? try parseStringLiteral() : nil
    }

    mutating func parseConstDirectives() throws(GraphQLError) -> [Directive] {
        try parseDirectives(isConst: true)
    }

    /// `Description? schema Directives? { OperationTypeDefinition+ }`.
    mutating func parseSchemaDefinition() throws(GraphQLError) -> SchemaDefinition {
        let start = token
        let description = try parseDescription()
        try expectKeyword("schema")
        let directives = try parseConstDirectives()
        let operationTypes = try many(.braceL, .braceR) { (parser: inout Parser) throws(GraphQLError) in
            try parser.parseOperationTypeDefinition()
        }
        return SchemaDefinition(
            description: description, directives: directives, operationTypes: operationTypes, loc: loc(start))
    }

    /// `OperationType : NamedType`.
    mutating func parseOperationTypeDefinition() throws(GraphQLError) -> OperationTypeDefinition {
        let start = token
        let operation = try parseOperationType()
        try expect(.colon)
        let type = try parseNamedType()
        return OperationTypeDefinition(operation: operation, type: type, loc: loc(start))
    }

    /// `Description? scalar Name Directives?`.
    mutating func parseScalarTypeDefinition() throws(GraphQLError) -> ScalarTypeDefinition {
        let start = token
        let description = try parseDescription()
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseConstDirectives()
        return ScalarTypeDefinition(
            description: description, name: name, directives: directives, loc: loc(start))
    }

    /// `Description? type Name ImplementsInterfaces? Directives? FieldsDefinition?`.
    mutating func parseObjectTypeDefinition() throws(GraphQLError) -> ObjectTypeDefinition {
        let start = token
        let description = try parseDescription()
        try expectKeyword("type")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseConstDirectives()
        let fields = try parseFieldsDefinition()
        return ObjectTypeDefinition(
            description: description, name: name, interfaces: interfaces, directives: directives,
            fields: fields, loc: loc(start))
    }

    /// `implements &? NamedType (& NamedType)*`, or nothing.
    mutating func parseImplementsInterfaces() throws(GraphQLError) -> [NamedType] {
        guard try expectOptionalKeyword("implements") else { return [] }
        return try delimitedMany(.amp) { (parser: inout Parser) throws(GraphQLError) in
            try parser.parseNamedType()
        }
    }

    /// `{ FieldDefinition+ }`, or nothing.
    mutating func parseFieldsDefinition() throws(GraphQLError) -> [FieldDefinition] {
        try optionalMany(.braceL, .braceR) { (parser: inout Parser) throws(GraphQLError) in
            try parser.parseFieldDefinition()
        }
    }

    /// `Description? Name ArgumentsDefinition? : Type Directives?`.
    mutating func parseFieldDefinition() throws(GraphQLError) -> FieldDefinition {
        let start = token
        let description = try parseDescription()
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        try expect(.colon)
        let type = try parseTypeReference()
        let directives = try parseConstDirectives()
        return FieldDefinition(
            description: description, name: name, arguments: arguments, type: type, directives: directives,
            loc: loc(start))
    }

    /// `( InputValueDefinition+ )`, or nothing.
    mutating func parseArgumentDefinitions() throws(GraphQLError) -> [InputValueDefinition] {
        try optionalMany(.parenL, .parenR) { (parser: inout Parser) throws(GraphQLError) in
            try parser.parseInputValueDefinition()
        }
    }

    /// `Description? Name : Type DefaultValue? Directives?`.
    mutating func parseInputValueDefinition() throws(GraphQLError) -> InputValueDefinition {
        let start = token
        let description = try parseDescription()
        let name = try parseName()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseConstDirectives()
        return InputValueDefinition(
            description: description, name: name, type: type, defaultValue: defaultValue,
            directives: directives, loc: loc(start))
    }

    /// `Description? interface Name ImplementsInterfaces? Directives? FieldsDefinition?`.
    mutating func parseInterfaceTypeDefinition() throws(GraphQLError) -> InterfaceTypeDefinition {
        let start = token
        let description = try parseDescription()
        try expectKeyword("interface")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseConstDirectives()
        let fields = try parseFieldsDefinition()
        return InterfaceTypeDefinition(
            description: description, name: name, interfaces: interfaces, directives: directives,
            fields: fields, loc: loc(start))
    }

    /// `Description? union Name Directives? UnionMemberTypes?`.
    mutating func parseUnionTypeDefinition() throws(GraphQLError) -> UnionTypeDefinition {
        let start = token
        let description = try parseDescription()
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseConstDirectives()
        let types = try parseUnionMemberTypes()
        return UnionTypeDefinition(
            description: description, name: name, directives: directives, types: types, loc: loc(start))
    }

    /// `= |? NamedType (| NamedType)*`, or nothing.
    mutating func parseUnionMemberTypes() throws(GraphQLError) -> [NamedType] {
        guard try expectOptional(.equals) else { return [] }
        return try delimitedMany(.pipe) { (parser: inout Parser) throws(GraphQLError) in
            try parser.parseNamedType()
        }
    }

    /// `Description? enum Name Directives? EnumValuesDefinition?`.
    mutating func parseEnumTypeDefinition() throws(GraphQLError) -> EnumTypeDefinition {
        let start = token
        let description = try parseDescription()
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseConstDirectives()
        let values = try parseEnumValuesDefinition()
        return EnumTypeDefinition(
            description: description, name: name, directives: directives, values: values, loc: loc(start))
    }

    /// `{ EnumValueDefinition+ }`, or nothing.
    mutating func parseEnumValuesDefinition() throws(GraphQLError) -> [EnumValueDefinition] {
        try optionalMany(.braceL, .braceR) { (parser: inout Parser) throws(GraphQLError) in
            try parser.parseEnumValueDefinition()
        }
    }

    /// `Description? EnumValue Directives?`.
    mutating func parseEnumValueDefinition() throws(GraphQLError) -> EnumValueDefinition {
        let start = token
        let description = try parseDescription()
        let name = try parseEnumValueName()
        let directives = try parseConstDirectives()
        return EnumValueDefinition(
            description: description, name: name, directives: directives, loc: loc(start))
    }

    /// A name other than `true`, `false` or `null`
    /// (https://spec.graphql.org/October2021/#EnumValue).
    mutating func parseEnumValueName() throws(GraphQLError) -> Name {
        if let value = token.value, value == "true" || value == "false" || value == "null" {
            throw syntaxError(
                "\(token.messageDescription) is reserved and cannot be used for an enum value.",
                at: token.start)
        }
        return try parseName()
    }

    /// `Description? input Name Directives? InputFieldsDefinition?`.
    mutating func parseInputObjectTypeDefinition() throws(GraphQLError) -> InputObjectTypeDefinition {
        let start = token
        let description = try parseDescription()
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseConstDirectives()
        let fields = try parseInputFieldsDefinition()
        return InputObjectTypeDefinition(
            description: description, name: name, directives: directives, fields: fields, loc: loc(start))
    }

    /// `{ InputValueDefinition+ }`, or nothing.
    mutating func parseInputFieldsDefinition() throws(GraphQLError) -> [InputValueDefinition] {
        try optionalMany(.braceL, .braceR) { (parser: inout Parser) throws(GraphQLError) in
            try parser.parseInputValueDefinition()
        }
    }

    /// `Description? directive @ Name ArgumentsDefinition? repeatable? on DirectiveLocations`.
    mutating func parseDirectiveDefinition() throws(GraphQLError) -> DirectiveDefinition {
        let start = token
        let description = try parseDescription()
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        let repeatable = try expectOptionalKeyword("repeatable")
        try expectKeyword("on")
        let locations = try delimitedMany(.pipe) { (parser: inout Parser) throws(GraphQLError) in
            try parser.parseDirectiveLocation()
        }
        return DirectiveDefinition(
            description: description, name: name, arguments: arguments, repeatable: repeatable,
            locations: locations, loc: loc(start))
    }

    /// A name that is one of the `DirectiveLocation`s.
    mutating func parseDirectiveLocation() throws(GraphQLError) -> Name {
        let start = token
        let name = try parseName()
        guard DirectiveLocation(rawValue: name.value) != nil else { throw unexpected(start) }
        return name
    }

    // MARK: - Extensions

    /// `extend schema|scalar|type|interface|union|enum|input ...`.
    mutating func parseTypeSystemExtension() throws(GraphQLError) -> Definition {
        let keyword = try lexer.lookahead()
        if keyword.kind == .name {
            switch keyword.value {
            case "schema": return .schemaExtension(try parseSchemaExtension())
            case "scalar": return .scalarTypeExtension(try parseScalarTypeExtension())
            case "type": return .objectTypeExtension(try parseObjectTypeExtension())
            case "interface": return .interfaceTypeExtension(try parseInterfaceTypeExtension())
            case "union": return .unionTypeExtension(try parseUnionTypeExtension())
            case "enum": return .enumTypeExtension(try parseEnumTypeExtension())
            case "input": return .inputObjectTypeExtension(try parseInputObjectTypeExtension())
            default: break
            }
        }
        throw unexpected(keyword)
    }

    mutating func parseSchemaExtension() throws(GraphQLError) -> SchemaExtension {
        let start = token
        try expectKeyword("extend")
        try expectKeyword("schema")
        let directives = try parseConstDirectives()
        let operationTypes = try optionalMany(.braceL, .braceR) {
            (parser: inout Parser) throws(GraphQLError) in
            try parser.parseOperationTypeDefinition()
        }
        if directives.isEmpty && operationTypes.isEmpty { throw unexpected() }
        return SchemaExtension(directives: directives, operationTypes: operationTypes, loc: loc(start))
    }

    mutating func parseScalarTypeExtension() throws(GraphQLError) -> ScalarTypeExtension {
        let start = token
        try expectKeyword("extend")
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseConstDirectives()
        if directives.isEmpty { throw unexpected() }
        return ScalarTypeExtension(name: name, directives: directives, loc: loc(start))
    }

    mutating func parseObjectTypeExtension() throws(GraphQLError) -> ObjectTypeExtension {
        let start = token
        try expectKeyword("extend")
        try expectKeyword("type")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseConstDirectives()
        let fields = try parseFieldsDefinition()
        if interfaces.isEmpty && directives.isEmpty && fields.isEmpty { throw unexpected() }
        return ObjectTypeExtension(
            name: name, interfaces: interfaces, directives: directives, fields: fields, loc: loc(start))
    }

    mutating func parseInterfaceTypeExtension() throws(GraphQLError) -> InterfaceTypeExtension {
        let start = token
        try expectKeyword("extend")
        try expectKeyword("interface")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseConstDirectives()
        let fields = try parseFieldsDefinition()
        if interfaces.isEmpty && directives.isEmpty && fields.isEmpty { throw unexpected() }
        return InterfaceTypeExtension(
            name: name, interfaces: interfaces, directives: directives, fields: fields, loc: loc(start))
    }

    mutating func parseUnionTypeExtension() throws(GraphQLError) -> UnionTypeExtension {
        let start = token
        try expectKeyword("extend")
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseConstDirectives()
        let types = try parseUnionMemberTypes()
        if directives.isEmpty && types.isEmpty { throw unexpected() }
        return UnionTypeExtension(name: name, directives: directives, types: types, loc: loc(start))
    }

    mutating func parseEnumTypeExtension() throws(GraphQLError) -> EnumTypeExtension {
        let start = token
        try expectKeyword("extend")
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseConstDirectives()
        let values = try parseEnumValuesDefinition()
        if directives.isEmpty && values.isEmpty { throw unexpected() }
        return EnumTypeExtension(name: name, directives: directives, values: values, loc: loc(start))
    }

    mutating func parseInputObjectTypeExtension() throws(GraphQLError) -> InputObjectTypeExtension {
        let start = token
        try expectKeyword("extend")
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseConstDirectives()
        let fields = try parseInputFieldsDefinition()
        if directives.isEmpty && fields.isEmpty { throw unexpected() }
        return InputObjectTypeExtension(name: name, directives: directives, fields: fields, loc: loc(start))
    }
}
