import Testing

@testable import GraphQLEngine

@Suite struct ValuesOfCorrectTypeRuleTests {
    let rules = ["ValuesOfCorrectTypeRule"]

    @Test func scalarLiteralsAreJudgedAsGraphQLJSJudgesThem() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ args { intArg(intArg: 2) floatArg(floatArg: 1.5) stringArg(stringArg: \"s\") booleanArg(booleanArg: true) idArg(idArg: 1) } }",
                "{ args { intArg(intArg: \"abc\") } }",
                "{ args { intArg(intArg: 1.5) floatArg(floatArg: \"1.5\") booleanArg(booleanArg: 1) } }",
                "{ args { intArg(intArg: 3000000000) intArg2: intArg(intArg: -2147483649) } }",
                "{ args { stringArg(stringArg: 1) s2: stringArg(stringArg: true) s3: stringArg(stringArg: RED) } }",
                "{ args { idArg(idArg: 1.0) i2: idArg(idArg: true) i3: idArg(idArg: \"x\") } }",
                "{ args { floatArg(floatArg: 1) f2: floatArg(floatArg: true) f3: floatArg(floatArg: \"\"\"block\"\"\") } }",
                "{ args { nonNullIntArg(nonNullIntArg: null) intArg(intArg: null) } }",
                "{ args { dateArg(at: \"2024-01-01\") d2: dateArg(at: 12) d3: dateArg(at: [1, { a: ENUM }]) } }",
                "{ args { intArg(intArg: [1, 2]) i2: intArg(intArg: { a: 1 }) } }",
                "{ echo(message: null) }",
            ])
    }

    @Test func enumLiteralsAreJudgedAsGraphQLJSJudgesThem() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ args { enumArg(enumArg: HIGH) } }",
                "{ args { enumArg(enumArg: \"HIGH\") } }",
                "{ args { enumArg(enumArg: high) e2: enumArg(enumArg: HIHG) e3: enumArg(enumArg: 1) } }",
                "{ args { enumArg(enumArg: true) e2: enumArg(enumArg: null) } }",
                "{ rescues(filter: { severities: [LOW, MEDUM, \"HIGH\"] }) { id } }",
                "{ powered { range(unit: MILES) } }",
            ])
    }

    @Test func listsAndInputObjectsAreJudgedAsGraphQLJSJudgesThem() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ args { stringListArg(stringListArg: [\"a\", null, \"b\"]) s2: stringListArg(stringListArg: \"single\") } }",
                "{ args { stringListArg(stringListArg: [\"a\", 2]) s2: stringListNonNullArg(stringListNonNullArg: [\"a\", null]) } }",
                "{ args { stringListArg(stringListArg: [[\"nested\"]]) } }",
                "{ args { complexArg(complexArg: { requiredField: true }) } }",
                "{ args { complexArg(complexArg: {}) } }",
                "{ args { complexArg(complexArg: { requiredField: true, nonNullField: null, intField: \"x\" }) } }",
                "{ args { complexArg(complexArg: { requiredField: true, unknownField: 1, requiredFeld: true }) } }",
                "{ args { complexArg(complexArg: { requiredField: true, nested: { intField: 1 } }) } }",
                "{ args { complexArg(complexArg: \"str\") c2: complexArg(complexArg: [1]) c3: complexArg(complexArg: RED) } }",
                "{ station(near: { lat: 1, lng: 2.5 }) { id } s2: station(near: { lat: \"x\" }) { id } }",
                "{ openRescue: rescues(filter: { near: { lat: 1 }, radiusKm: \"far\", createdAfter: 5 }) { id } }",
                "mutation { openRescue(input: { vehicleId: 1, severity: HIGH, location: { lat: 1, lng: 2 } }) { id } }",
                "query Q($v: Int = \"x\", $w: [String] = [1], $r: RescueFilter = { nope: 1 }) { count }",
                "{ nope(x: 1) rider(id: { a: 1 }) { name(short: \"yes\") } }",
                "{ count @include(if: \"yes\") @skip(if: 1) }",
                "{ count @needs(level: 1.5, reason: 2) }",
            ])
    }

    @Test func literalMessagesMatchGraphQLJSWording() throws {
        try ValidationHarness.expectErrors(
            rules: rules,
            document: """
                {
                  args {
                    intArg(intArg: 1.5)
                    complexArg(complexArg: { intField: 1, unknwn: 2, stringFeld: "x" })
                    s: stringArg(stringArg: 1)
                    n: nonNullIntArg(nonNullIntArg: null)
                  }
                }
                """,
            [
                ("Int cannot represent non-integer value: 1.5", [[3, 20]]),
                (#"Field "ComplexInput.requiredField" of required type "Boolean!" was not provided."#, [[4, 28]]),
                (#"Field "unknwn" is not defined by type "ComplexInput"."#, [[4, 43]]),
                (
                    #"Field "stringFeld" is not defined by type "ComplexInput". Did you mean "stringField", "intField", or "stringListField"?"#,
                    [[4, 54]]
                ),
                (#"String cannot represent a non string value: 1"#, [[5, 29]]),
                (#"Expected value of type "Int!", found null."#, [[6, 37]]),
            ])
    }

    @Test func customScalarRefusalsArePrefixedWithTheExpectedType() throws {
        let schema = try buildSchema(
            sdl: "scalar Even type Query { f(x: Even): Int }",
            options: SchemaBuildOptions(scalars: [
                "Even": ClosureScalarCoercion(
                    serialize: { $0 },
                    parseValue: { value in
                        guard case .int(let number) = value, number % 2 == 0 else {
                            throw CoercionError("Even cannot represent \(value.inspected)")
                        }
                        return value
                    })
            ]))
        let errors = validate(
            schema: schema, document: try Parser.parse("{ a: f(x: 2) b: f(x: 3) }"),
            rules: [ValuesOfCorrectTypeRule.self])
        #expect(errors.map(\.message) == [#"Expected value of type "Even", found 3; Even cannot represent 3"#])
        #expect(errors.map(\.locations) == [[GraphQLEngine.SourceLocation(line: 1, column: 22)]])
    }
}
