import Testing

@testable import GraphQLEngine

@Suite struct ParserTests {
    func onlyOperation(_ text: String) throws -> OperationDefinition {
        let document = try Parser.parse(text)
        guard case .operation(let operation) = try #require(document.definitions.first) else {
            Issue.record("not an operation")
            throw GraphQLError(message: "not an operation")
        }
        return operation
    }

    @Test func anOperationKeepsItsTypeNameVariablesDirectivesAndSelections() throws {
        let operation = try onlyOperation(
            "mutation Save($id: ID! = \"1\" @v, $list: [Int]) @op { save(id: $id) { ok } }")
        #expect(operation.operation == .mutation)
        #expect(operation.name?.value == "Save")
        #expect(operation.variableDefinitions.map(\.variable.name.value) == ["id", "list"])
        let first = operation.variableDefinitions[0]
        guard case .nonNull(let nonNull) = first.type, case .named(let named) = nonNull.type else {
            Issue.record("expected ID!")
            return
        }
        #expect(named.name.value == "ID")
        #expect(
            first.defaultValue
                == .string(StringValue(value: "1", block: false, loc: Location(start: 25, end: 28))))
        #expect(first.directives.map(\.name.value) == ["v"])
        #expect(operation.directives.map(\.name.value) == ["op"])
        guard case .field(let save) = operation.selectionSet.selections.first else {
            Issue.record("expected a field")
            return
        }
        #expect(save.name.value == "save")
        #expect(save.arguments.first?.name.value == "id")
        if case .variable(let variable) = save.arguments.first?.value {
            #expect(variable.name.value == "id")
        } else {
            Issue.record("expected a variable")
        }
        #expect(save.selectionSet?.selections.count == 1)
    }

    @Test func theShorthandQueryIsAnAnonymousQuery() throws {
        let operation = try onlyOperation("{ a }")
        #expect(operation.operation == .query)
        #expect(operation.name == nil)
        #expect(operation.loc == Location(start: 0, end: 5))
    }

    @Test func aliasesSpreadsAndInlineFragmentsAreDistinguished() throws {
        let operation = try onlyOperation("{ x: y ...F ... on T @d { z } ... @e { w } ... { v } }")
        let selections = operation.selectionSet.selections
        #expect(selections.count == 5)
        if case .field(let field) = selections[0] {
            #expect(field.alias?.value == "x")
            #expect(field.name.value == "y")
            #expect(field.responseKey == "x")
        } else {
            Issue.record("expected a field")
        }
        if case .fragmentSpread(let spread) = selections[1] {
            #expect(spread.name.value == "F")
        } else {
            Issue.record("expected a spread")
        }
        if case .inlineFragment(let fragment) = selections[2] {
            #expect(fragment.typeCondition?.name.value == "T")
            #expect(fragment.directives.map(\.name.value) == ["d"])
        } else {
            Issue.record("expected an inline fragment")
        }
        if case .inlineFragment(let fragment) = selections[3] {
            #expect(fragment.typeCondition == nil)
        } else {
            Issue.record("expected an inline fragment")
        }
    }

    @Test func everyValueKindIsParsed() throws {
        let value = try Parser.parseValue(
            "[1, -2.5e3, \"s\", \"\"\"b\"\"\", true, false, null, RED, $v, {a: [1]}]")
        guard case .list(let list) = value else {
            Issue.record("expected a list")
            return
        }
        let kinds = list.values.map { value -> String in
            switch value {
            case .int(let node): "int \(node.value)"
            case .float(let node): "float \(node.value)"
            case .string(let node): "string \(node.value) \(node.block)"
            case .boolean(let node): "boolean \(node.value)"
            case .null: "null"
            case .enumValue(let node): "enum \(node.value)"
            case .variable(let node): "variable \(node.name.value)"
            case .list: "list"
            case .object(let node): "object \(node.fields.map(\.name.value))"
            }
        }
        #expect(
            kinds == [
                "int 1", "float -2.5e3", "string s false", "string b true", "boolean true", "boolean false",
                "null",
                "enum RED", "variable v", "object [\"a\"]",
            ])
    }

    @Test func constantPositionsRefuseVariables() {
        #expect(
            parseError("query Q($a: Int = $b) { f }")?.message
                == "Syntax Error: Unexpected variable \"$b\" in constant value.")
        #expect(
            parseError("type T { f(a: Int = [$b]): Int }")?.message
                == "Syntax Error: Unexpected variable \"$b\" in constant value.")
        #expect(throws: GraphQLError.self) { try Parser.parseConstValue("{a: $b}") }
        #expect(throws: Never.self) { try Parser.parseValue("{a: $b}") }
    }

    @Test func typeReferencesNestListsAndNonNull() throws {
        let type = try Parser.parseType("[[Int!]]!")
        #expect(Printer.print(type) == "[[Int!]]!")
        #expect(type.namedType.name.value == "Int")
        #expect(type.loc == Location(start: 0, end: 9))
    }

    @Test func everyTypeSystemDefinitionAndExtensionIsParsed() throws {
        let document = try Parser.parse(
            """
            schema { query: Q }
            "s" scalar S
            type O implements I & J @d { f(a: Int = 1): [O!]! }
            interface I implements J { f: Int }
            union U = A | B
            enum E { A B }
            input In { a: Int = 2 }
            directive @d(a: Int) repeatable on FIELD | OBJECT
            extend schema @d
            extend scalar S @d
            extend type O { g: Int }
            extend interface I @d
            extend union U = C
            extend enum E { C }
            extend input In { b: Int }
            """)
        let names = document.definitions.map { definition -> String in
            switch definition {
            case .schema: "schema"
            case .scalarType(let node): "scalar \(node.name.value) \(node.description?.value ?? "")"
            case .objectType(let node): "type \(node.name.value) \(node.interfaces.map(\.name.value))"
            case .interfaceType(let node): "interface \(node.name.value) \(node.interfaces.map(\.name.value))"
            case .unionType(let node): "union \(node.types.map(\.name.value))"
            case .enumType(let node): "enum \(node.values.map(\.name.value))"
            case .inputObjectType(let node): "input \(node.fields.map(\.name.value))"
            case .directive(let node): "directive \(node.repeatable) \(node.locations.map(\.value))"
            case .schemaExtension: "extend schema"
            case .scalarTypeExtension: "extend scalar"
            case .objectTypeExtension: "extend type"
            case .interfaceTypeExtension: "extend interface"
            case .unionTypeExtension: "extend union"
            case .enumTypeExtension: "extend enum"
            case .inputObjectTypeExtension: "extend input"
            case .operation, .fragment: "executable"
            }
        }
        #expect(
            names == [
                "schema", "scalar S s", "type O [\"I\", \"J\"]", "interface I [\"J\"]",
                "union [\"A\", \"B\"]",
                "enum [\"A\", \"B\"]", "input [\"a\"]", "directive true [\"FIELD\", \"OBJECT\"]",
                "extend schema",
                "extend scalar", "extend type", "extend interface", "extend union", "extend enum",
                "extend input",
            ])
        #expect(document.definitions.filter(\.isExtension).count == 7)
        #expect(document.definitions.allSatisfy { !$0.isExecutable })
    }

    @Test func nodeLocationsSpanFromFirstToLastToken() throws {
        let text = "query Q {\n  alias: field(arg: [1, 2]) @dir\n}"
        let operation = try onlyOperation(text)
        #expect(operation.loc == Location(start: 0, end: text.utf8.count))
        guard case .field(let field) = operation.selectionSet.selections[0] else { return }
        let bytes = Array(text.utf8)
        func slice(_ loc: Location) -> String { String(decoding: bytes[loc.start..<loc.end], as: UTF8.self) }
        #expect(slice(field.loc) == "alias: field(arg: [1, 2]) @dir")
        #expect(slice(field.arguments[0].loc) == "arg: [1, 2]")
        #expect(slice(field.arguments[0].value.loc) == "[1, 2]")
        #expect(slice(field.directives[0].loc) == "@dir")
        #expect(slice(field.name.loc) == "field")
        let document = try Parser.parse(text)
        #expect(document.source.location(at: field.loc.start) == SourceLocation(line: 2, column: 3))
    }

    @Test func syntaxErrorsCarryTheLineAndColumnOfTheOffendingToken() throws {
        let error = try #require(parseError("query {\n  a(x: )\n}"))
        #expect(error.message == "Syntax Error: Unexpected \")\".")
        #expect(error.locations == [SourceLocation(line: 2, column: 8)])
        #expect(error.code == "GRAPHQL_PARSE_FAILED")
        #expect(error.path.isEmpty)
    }

    @Test func expectationErrorsNameTheExpectedAndFoundTokens() {
        #expect(parseError("{ a(x: 1 }")?.message == "Syntax Error: Expected Name, found \"}\".")
        #expect(parseError("")?.message == "Syntax Error: Unexpected <EOF>.")
        #expect(parseError("fragment F { a }")?.message == "Syntax Error: Expected \"on\", found \"{\".")
        #expect(parseError("fragment on on T { a }")?.message == "Syntax Error: Unexpected Name \"on\".")
        #expect(
            parseError("enum E { null }")?.message
                == "Syntax Error: Name \"null\" is reserved and cannot be used for an enum value.")
        #expect(parseError("directive @d on FOO")?.message == "Syntax Error: Unexpected Name \"FOO\".")
        #expect(parseError("extend type A")?.message == "Syntax Error: Unexpected <EOF>.")
        #expect(
            parseError("\"d\" query { a }")?.message
                == "Syntax Error: Unexpected description, descriptions are supported only on type definitions."
        )
    }

    @Test func theTokenCapEndsParsingWithGraphQLJSsMessage() throws {
        let text = "{ " + String(repeating: "a ", count: 20) + "}"
        #expect(parseError(text, options: ParseOptions(maxTokens: 22)) == nil)
        let error = try #require(parseError(text, options: ParseOptions(maxTokens: 21)))
        #expect(error.message == "Syntax Error: Document contains more that 21 tokens. Parsing aborted.")
        #expect(error.locations == [SourceLocation(line: 1, column: 43)])
        // Comments do not count.
        #expect(parseError("# c\n# d\n{ a }", options: ParseOptions(maxTokens: 3)) == nil)
        #expect(parseError(text, options: .trusted) == nil)
    }

    @Test func theDefaultTokenCapStopsAHugeDocument() {
        let text = "{ " + String(repeating: "a ", count: 20_000) + "}"
        #expect(
            parseError(text)?.message
                == "Syntax Error: Document contains more that 15000 tokens. Parsing aborted.")
    }

    @Test func deepSelectionNestingEndsInASyntaxErrorNotAStackOverflow() throws {
        let allowed = String(repeating: "{ a ", count: 256) + String(repeating: "}", count: 256)
        #expect(parseError(allowed, options: .trusted) == nil)
        let tooDeep = String(repeating: "{ a ", count: 257) + String(repeating: "}", count: 257)
        let error = try #require(parseError(tooDeep, options: .trusted))
        #expect(
            error.message
                == "Syntax Error: Document exceeds the maximum nesting depth of 256. Parsing aborted.")
        #expect(error.locations == [SourceLocation(line: 1, column: 1 + 256 * 4)])
        let hostile = String(repeating: "{ a ", count: 100_000)
        #expect(parseError(hostile, options: .trusted)?.message.contains("nesting depth") == true)
    }

    @Test func deepListsObjectsAndTypesAreCappedToo() {
        let options = ParseOptions(maxTokens: nil, maxDepth: 50)
        let lists = "{ f(a: " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + ") }"
        #expect(parseError(lists, options: options)?.message.contains("nesting depth of 50") == true)
        let objects =
            "{ f(a: " + String(repeating: "{a: ", count: 60) + "1" + String(repeating: "}", count: 60) + ") }"
        #expect(parseError(objects, options: options)?.message.contains("nesting depth of 50") == true)
        let types =
            "query Q($a: " + String(repeating: "[", count: 60) + "Int" + String(repeating: "]", count: 60)
            + ") { f }"
        #expect(parseError(types, options: options)?.message.contains("nesting depth of 50") == true)
        let hostile = "{ f(a: " + String(repeating: "[", count: 200_000) + ") }"
        #expect(parseError(hostile, options: .trusted)?.message.contains("nesting depth of 256") == true)
        #expect(throws: GraphQLError.self) { try Parser.parseType(String(repeating: "[", count: 100_000)) }
    }

    @Test func parseValueAndParseTypeRequireTheWholeInput() {
        #expect(throws: GraphQLError.self) { try Parser.parseValue("1 2") }
        #expect(throws: GraphQLError.self) { try Parser.parseType("Int Int") }
        #expect(throws: Never.self) { try Parser.parseValue("  {a: 1} # comment") }
    }
}
