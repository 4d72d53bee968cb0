import Testing

@testable import GraphQLEngine

/// The syntax error a document produces, or nil when it parses.
func parseError(_ source: Source, options: ParseOptions = ParseOptions()) -> GraphQLError? {
    do {
        _ = try Parser.parse(source, options: options)
        return nil
    } catch {
        return error
    }
}

func parseError(_ text: String, options: ParseOptions = ParseOptions()) -> GraphQLError? {
    parseError(Source(text), options: options)
}

/// The value of the single string argument in `{ f(a: <literal>) }`.
func stringArgument(_ literal: String) throws -> String? {
    let document = try Parser.parse("{ f(a: \(literal)) }")
    guard case .operation(let operation) = document.definitions.first,
        case .field(let field) = operation.selectionSet.selections.first,
        case .string(let string) = field.arguments.first?.value
    else { return nil }
    return string.value
}

/// All tokens of a text, through the internal lexer.
func tokens(_ text: String) throws -> [Token] {
    var lexer = Lexer(source: Source(text))
    var result: [Token] = []
    while true {
        try lexer.advance()
        if lexer.token.kind == .endOfFile { break }
        result.append(lexer.token)
    }
    return result
}

@Suite struct LexerTests {
    @Test func punctuatorsNamesAndNumbersAreTokenized() throws {
        let kinds = try tokens("! $ & ( ) ... : = @ [ ] { | } name _x1 12 -3 4.5 6e7 \"s\" \"\"\"b\"\"\"")
            .map(\.kind)
        #expect(
            kinds == [
                .bang, .dollar, .amp, .parenL, .parenR, .spread, .colon, .equals, .at, .bracketL, .bracketR,
                .braceL, .pipe, .braceR, .name, .name, .int, .int, .float, .float, .string, .blockString,
            ])
    }

    @Test func ignoredTokensAreSkipped() throws {
        let found = try tokens("\u{FEFF}\t a,,b # comment \u{1F600}\r\n# second\rc\u{FEFF}d")
        #expect(found.map(\.value) == ["a", "b", "c", "d"])
    }

    @Test func tokenOffsetsAreUTF8ByteOffsets() throws {
        let found = try tokens("\"é\" x")
        #expect(found[0].start == 0 && found[0].end == 4)
        #expect(found[1].start == 5)
    }

    @Test func stringEscapesAreResolved() throws {
        #expect(try stringArgument(#""a\"b\\c\/d\be\ff\ng\rh\ti""#) == "a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti")
        #expect(try stringArgument(#""\u0041\u00E9\u20AC""#) == "Aé€")
    }

    @Test func unicodeEscapesIncludingSurrogatePairsAndBracesBecomeScalars() throws {
        #expect(try stringArgument(#""\uD83D\uDE00""#) == "😀")
        #expect(try stringArgument(#""\u{1F600}""#) == "😀")
        #expect(try stringArgument(#""\u{0000041}""#) == "A")
        #expect(try stringArgument(#""x\u{10FFFF}y""#) == "x\u{10FFFF}y")
    }

    @Test func invalidUnicodeEscapesAreRejectedAsGraphQLJSDoes() {
        #expect(
            parseError(#"{ f(a: "\uD83D") }"#)?.message
                == #"Syntax Error: Invalid Unicode escape sequence: "\uD83D"."#)
        #expect(
            parseError(#"{ f(a: "\uDE00\uD83D") }"#)?.message
                == #"Syntax Error: Invalid Unicode escape sequence: "\uDE00"."#)
        #expect(
            parseError(#"{ f(a: "\u{D800}") }"#)?.message
                == #"Syntax Error: Invalid Unicode escape sequence: "\u{D800}"."#)
        #expect(
            parseError(#"{ f(a: "\u{110000}") }"#)?.message
                == #"Syntax Error: Invalid Unicode escape sequence: "\u{110000}"."#)
        #expect(
            parseError(#"{ f(a: "\u{}") }"#)?.message
                == #"Syntax Error: Invalid Unicode escape sequence: "\u{}"."#)
        #expect(
            parseError(#"{ f(a: "\q") }"#)?.message
                == #"Syntax Error: Invalid character escape sequence: "\q"."#)
    }

    @Test func blockStringsRemoveCommonIndentAndBlankEdgeLines() throws {
        let literal = "\"\"\"\n\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \n\"\"\""
        #expect(try stringArgument(literal) == "Hello,\n  World!\n\nYours,\n  GraphQL.")
    }

    @Test func blockStringsKeepTheFirstLineAndOnlyUnescapeTripleQuotes() throws {
        #expect(try stringArgument("\"\"\"  first\n    second\"\"\"") == "  first\nsecond")
        #expect(try stringArgument(#""""a \""" b \n \u0041""""#) == #"a """ b \n \u0041"#)
        #expect(try stringArgument("\"\"\"crlf\r\n  line\rcr\"\"\"") == "crlf\n  line\ncr")
        #expect(try stringArgument("\"\"\"crlf\r\n  line\r  cr\"\"\"") == "crlf\nline\ncr")
        #expect(try stringArgument("\"\"\"   \n\t\n\"\"\"") == "")
    }

    @Test func numbersFollowedByNameStartsOrDotsAreErrors() {
        #expect(
            parseError("{ f(a: 123abc) }")?.message
                == #"Syntax Error: Invalid number, expected digit but got: "a"."#)
        #expect(
            parseError("{ f(a: 1.) }")?.message
                == #"Syntax Error: Invalid number, expected digit but got: ")"."#)
        #expect(
            parseError("{ f(a: 1.5.) }")?.message
                == #"Syntax Error: Invalid number, expected digit but got: "."."#)
        #expect(
            parseError("{ f(a: 012) }")?.message
                == #"Syntax Error: Invalid number, unexpected digit after 0: "1"."#)
        #expect(
            parseError("{ f(a: 1e) }")?.message
                == #"Syntax Error: Invalid number, expected digit but got: ")"."#)
        #expect(parseError("1")?.message == "Syntax Error: Unexpected Int \"1\".")
    }

    @Test func unterminatedStringsReportWhereTheyStop() {
        let string = parseError("{ f(a: \"abc\n")
        #expect(string?.message == "Syntax Error: Unterminated string.")
        #expect(string?.locations == [SourceLocation(line: 1, column: 12)])
        let block = parseError("{ f(a: \"\"\"abc\n  def")
        #expect(block?.message == "Syntax Error: Unterminated string.")
        #expect(block?.locations == [SourceLocation(line: 2, column: 6)])
    }

    @Test func unexpectedCharactersAreNamedAsGraphQLJSNamesThem() {
        #expect(parseError("{ a ? }")?.message == #"Syntax Error: Unexpected character: "?"."#)
        #expect(parseError("{ a é }")?.message == "Syntax Error: Unexpected character: U+00E9.")
        #expect(parseError("{ a \u{7} }")?.message == "Syntax Error: Unexpected character: U+0007.")
        #expect(parseError("{ a \u{1F600} }")?.message == "Syntax Error: Unexpected character: U+1F600.")
        #expect(
            parseError("{ \"a\u{0}\" }")?.message == "Syntax Error: Expected Name, found String \"a\u{0}\".")
        #expect(
            parseError("{ f(a: 'x') }")?.message
                == #"Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (")?"#
        )
    }

    @Test func invalidUTF8IsASyntaxErrorAnywhere() {
        let outside = parseError(Source(bytes: Array("{ a ".utf8) + [0xFF] + Array(" }".utf8)))
        #expect(outside?.message == "Syntax Error: Invalid UTF-8 byte 0xFF.")
        #expect(outside?.locations == [SourceLocation(line: 1, column: 5)])
        let inString = parseError(
            Source(bytes: Array("{ f(a: \"x".utf8) + [0xC3, 0x28] + Array("\") }".utf8)))
        #expect(
            inString?.message == "Syntax Error: Invalid character within String: byte 0xC3 (invalid UTF-8).")
        let surrogate = parseError(
            Source(bytes: Array("{ f(a: \"\"\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"\"\") }".utf8)))
        #expect(
            surrogate?.message == "Syntax Error: Invalid character within String: byte 0xED (invalid UTF-8).")
        let overlong = parseError(Source(bytes: Array("# ".utf8) + [0xC0, 0xAF] + Array("\n{ a }".utf8)))
        #expect(overlong?.message == "Syntax Error: Invalid UTF-8 byte 0xC0.")
        let truncated = parseError(Source(bytes: Array("{ a }".utf8) + [0xF0, 0x9F]))
        #expect(truncated?.message == "Syntax Error: Invalid UTF-8 byte 0xF0.")
    }

    @Test func validUTF8FromBytesParses() {
        #expect(parseError(Source(bytes: Array("{ f(a: \"😀é\") } # ☃".utf8))) == nil)
    }

    @Test func aByteOrderMarkIsIgnoredAtTheStartAndBetweenTokens() {
        #expect(parseError("\u{FEFF}{ a \u{FEFF} b }") == nil)
        #expect(parseError(Source(bytes: [0xEF, 0xBB, 0xBF] + Array("{ a }".utf8))) == nil)
    }

    @Test func linesAndColumnsCountTerminatorsAndUTF16Units() {
        let source = Source("a\r\nb\rc\nd é😀x")
        #expect(source.location(at: 0) == SourceLocation(line: 1, column: 1))
        #expect(source.location(at: 3) == SourceLocation(line: 2, column: 1))
        #expect(source.location(at: 5) == SourceLocation(line: 3, column: 1))
        #expect(source.location(at: 7) == SourceLocation(line: 4, column: 1))
        // "d é😀x": é is 2 bytes / 1 UTF-16 unit, 😀 is 4 bytes / 2 units.
        #expect(source.location(at: 15) == SourceLocation(line: 4, column: 6))
    }
}
