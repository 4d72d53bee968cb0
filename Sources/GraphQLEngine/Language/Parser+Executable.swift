// Operations, selections, fragments, arguments, directives and type references
// (https://spec.graphql.org/October2021/#sec-Language.Operations).

extension Parser {
    /// `OperationDefinition :: OperationType Name? VariableDefinitions? Directives? SelectionSet | SelectionSet`.
    mutating func parseOperationDefinition() throws(GraphQLError) -> OperationDefinition {
        let start = token
        if peek(.braceL) {
            let selectionSet = try parseSelectionSet()
            return OperationDefinition(
                operation: .query, name: nil, variableDefinitions: [], directives: [],
                selectionSet: selectionSet, loc: loc(start))
        }
        let operation = try parseOperationType()
        let name = peek(.name) ? try parseName() : nil
        let variableDefinitions = try parseVariableDefinitions()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return OperationDefinition(
            operation: operation, name: name, variableDefinitions: variableDefinitions,
            directives: directives, selectionSet: selectionSet, loc: loc(start))
    }

    /// `query`, `mutation` or `subscription`.
    mutating func parseOperationType() throws(GraphQLError) -> OperationType {
        let operationToken = try expect(.name)
        switch operationToken.value {
        case "query": return .query
        case "mutation": return .mutation
        case "subscription": return .subscription
        default: throw unexpected(operationToken)
        }
    }

    /// `( VariableDefinition+ )?`.
    mutating func parseVariableDefinitions() throws(GraphQLError) -> [VariableDefinition] {
        try optionalMany(.parenL, .parenR) { (parser: inout Parser) throws(GraphQLError) in
            try parser.parseVariableDefinition()
        }
    }

    /// `Variable : Type DefaultValue? Directives[Const]?`.
    mutating func parseVariableDefinition() throws(GraphQLError) -> VariableDefinition {
        let start = token
        let variable = try parseVariable()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return VariableDefinition(
            variable: variable, type: type, defaultValue: defaultValue, directives: directives,
            loc: loc(start))
    }

    /// `$ Name`.
    @inline(never)
    mutating func parseVariable() throws(GraphQLError) -> Variable {
        let start = token
        try expect(.dollar)
        let name = try parseName()
        return Variable(name: name, loc: loc(start))
    }

    /// `{ Selection+ }`, one nesting level deeper.
    mutating func parseSelectionSet() throws(GraphQLError) -> SelectionSet {
        let start = token
        try enterNesting()
        defer { leaveNesting() }
        try expect(.braceL)
        var selections: [Selection] = []
        repeat {
            selections.append(try parseSelection())
        } while try !expectOptional(.braceR)
        return SelectionSet(selections: selections, loc: loc(start))
    }

    /// A field, fragment spread or inline fragment.
    @inline(never)
    mutating func parseSelection() throws(GraphQLError) -> Selection {
        peek(.spread) ? try parseFragment() : .field(try parseField())
    }

    /// `Alias? Name Arguments? Directives? SelectionSet?`.
    @inline(never)
    mutating func parseField() throws(GraphQLError) -> Field {
        let start = token
        let nameOrAlias = try parseName()
        var alias: Name?
        var name = nameOrAlias
        if try expectOptional(.colon) {
            alias = nameOrAlias
            name = try parseName()
        }
        let arguments = try parseArguments(isConst: false)
        let directives = try parseDirectives(isConst: false)
        let selectionSet = peek(.braceL) ? try parseSelectionSet() : nil
        return Field(
            alias: alias, name: name, arguments: arguments, directives: directives,
            selectionSet: selectionSet, loc: loc(start))
    }

    /// `( Argument+ )?`.
    @inline(never)
    mutating func parseArguments(isConst: Bool) throws(GraphQLError) -> [Argument] {
        try optionalMany(.parenL, .parenR) { (parser: inout Parser) throws(GraphQLError) in
            try parser.parseArgument(isConst: isConst)
        }
    }

    /// `Name : Value`.
    @inline(never)
    mutating func parseArgument(isConst: Bool) throws(GraphQLError) -> Argument {
        let start = token
        let name = try parseName()
        try expect(.colon)
        let value = try parseValueLiteral(isConst: isConst)
        return Argument(name: name, value: value, loc: loc(start))
    }

    /// `... FragmentName Directives?` or `... TypeCondition? Directives? SelectionSet`.
    @inline(never)
    mutating func parseFragment() throws(GraphQLError) -> Selection {
        let start = token
        try expect(.spread)
        let hasTypeCondition = try expectOptionalKeyword("on")
        if !hasTypeCondition && peek(.name) {
            let name = try parseFragmentName()
            let directives = try parseDirectives(isConst: false)
            return .fragmentSpread(FragmentSpread(name: name, directives: directives, loc: loc(start)))
        }
        let typeCondition = hasTypeCondition ? try parseNamedType() : nil
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return .inlineFragment(
            InlineFragment(
                typeCondition: typeCondition, directives: directives, selectionSet: selectionSet,
                loc: loc(start)))
    }

    /// `fragment FragmentName TypeCondition Directives? SelectionSet`.
    mutating func parseFragmentDefinition() throws(GraphQLError) -> FragmentDefinition {
        let start = token
        try expectKeyword("fragment")
        let name = try parseFragmentName()
        try expectKeyword("on")
        let typeCondition = try parseNamedType()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return FragmentDefinition(
            name: name, typeCondition: typeCondition, directives: directives, selectionSet: selectionSet,
            loc: loc(start))
    }

    /// A name other than `on` (https://spec.graphql.org/October2021/#FragmentName).
    mutating func parseFragmentName() throws(GraphQLError) -> Name {
        // As graphql-js, any token whose value is "on" is refused here.
        if token.value == "on" { throw unexpected() }
        return try parseName()
    }

    /// `Directive*`.
    @inline(never)
    mutating func parseDirectives(isConst: Bool) throws(GraphQLError) -> [Directive] {
        var directives: [Directive] = []
        while peek(.at) {
            directives.append(try parseDirective(isConst: isConst))
        }
        return directives
    }

    /// `@ Name Arguments?`.
    @inline(never)
    mutating func parseDirective(isConst: Bool) throws(GraphQLError) -> Directive {
        let start = token
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArguments(isConst: isConst)
        return Directive(name: name, arguments: arguments, loc: loc(start))
    }

    /// `NamedType`, `[ Type ]`, or either followed by `!`
    /// (https://spec.graphql.org/October2021/#Type). List types nest one level deeper.
    mutating func parseTypeReference() throws(GraphQLError) -> TypeReference {
        let start = token
        let type: TypeReference
        if try expectOptional(.bracketL) {
            try enterNesting()
            defer { leaveNesting() }
            let inner = try parseTypeReference()
            try expect(.bracketR)
            type = .list(ListType(type: inner, loc: loc(start)))
        } else {
            type = .named(try parseNamedType())
        }
        if try expectOptional(.bang) {
            return .nonNull(NonNullType(type: type, loc: loc(start)))
        }
        return type
    }

    /// `Name` as a type.
    @inline(never)
    mutating func parseNamedType() throws(GraphQLError) -> NamedType {
        let start = token
        let name = try parseName()
        return NamedType(name: name, loc: loc(start))
    }
}
