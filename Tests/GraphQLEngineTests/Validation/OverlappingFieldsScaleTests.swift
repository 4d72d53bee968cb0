import Testing

@testable import GraphQLEngine

/// Large selections for `OverlappingFieldsCanBeMergedRule`: the answers must be
/// right, and the time is printed (not asserted) so that a quadratic slide
/// shows in the test log. Run in release to read meaningful figures:
/// `swift test -c release --filter OverlappingFieldsScale`.
@Suite struct OverlappingFieldsScaleTests {
    let schema: GraphQLSchema
    let rules: [any ValidationRule.Type] = [OverlappingFieldsCanBeMergedRule.self]

    init() throws {
        schema = try ValidationHarness.testSchema.get()
    }

    private func validateTimed(_ label: String, _ text: String) throws -> [GraphQLError] {
        let document = try Parser.parse(text, options: ParseOptions(maxTokens: nil))
        let clock = ContinuousClock()
        var errors: [GraphQLError] = []
        let elapsed = clock.measure {
            errors = validate(schema: schema, document: document, rules: rules)
        }
        print("OverlappingFieldsScale \(label): \(elapsed)")
        return errors
    }

    @Test func twoThousandRepeatedFieldsAreValid() throws {
        let errors = try validateTimed("2000 repeated `count`", "{ " + String(repeating: "count ", count: 2000) + "}")
        #expect(errors.isEmpty)
    }

    @Test func twoThousandRepeatedFieldsWithSubSelectionsAreValid() throws {
        let errors = try validateTimed(
            "2000 repeated `rider(id: 1) { name partner { id } }`",
            "{ " + String(repeating: "rider(id: 1) { name partner { id } } ", count: 2000) + "}")
        #expect(errors.isEmpty)
    }

    @Test func twoThousandDistinctAliasesAreValid() throws {
        let fields = (0..<2000).map { "a\($0): echo(message: \"\($0)\")" }.joined(separator: " ")
        let errors = try validateTimed("2000 distinct aliases", "{ " + fields + " }")
        #expect(errors.isEmpty)
    }

    @Test func twoThousandRepeatedFieldsAndOneConflictReportEveryPairUpToTheCap() throws {
        let text = "{ " + String(repeating: "x: count ", count: 2000) + "x: echo(message: \"a\") }"
        let errors = try validateTimed("2000 repeated fields + 1 conflicting", text)
        #expect(errors.count == 101)
        #expect(
            errors.first?.message
                == #"Fields "x" conflict because "count" and "echo" are different fields. Use different aliases on the fields to fetch both if this was intentional."#
        )
        #expect(errors.first?.locations == [.init(line: 1, column: 3), .init(line: 1, column: 18_003)])
        #expect(errors.dropLast().allSatisfy { $0.locations.last == .init(line: 1, column: 18_003) })
        #expect(errors.last?.message == ValidationContext.tooManyErrorsMessage)
    }

    @Test func twoThousandSameAliasesOnDifferentFieldsStopAtTheCap() throws {
        let names = ["count", "echo(message: \"a\")", "bike { id }", "ride { __typename }"]
        let fields = (0..<2000).map { "x: \(names[$0 % names.count])" }.joined(separator: " ")
        let errors = try validateTimed("2000 same alias, 4 different fields", "{ " + fields + " }")
        #expect(errors.count == 101)
        #expect(errors.last?.message == ValidationContext.tooManyErrorsMessage)
    }

    @Test func twoThousandFieldsOnMutuallyExclusiveTypesAreValid() throws {
        let fields = (0..<2000).map { index in
            index % 2 == 0 ? "... on Bike { x: gears y: serial }" : "... on EBike { x: motorWatts y: serial }"
        }
        let errors = try validateTimed(
            "2000 inline fragments on two object types", "{ vehicle { " + fields.joined(separator: " ") + " } }")
        #expect(errors.isEmpty)
    }

    @Test func twoThousandRepeatedFieldsWithDistinctSubSelectionsAreValid() throws {
        let fields = (0..<2000).map { "rider { id a\($0): name }" }.joined(separator: " ")
        let errors = try validateTimed("2000 repeated `rider` with distinct sub-selections", "{ " + fields + " }")
        #expect(errors.isEmpty)
    }

    @Test func twoThousandRepeatedFieldsWithDistinctNestedSubSelectionsAreValid() throws {
        let fields = (0..<2000).map { "rider { id partner { id a\($0): name } }" }.joined(separator: " ")
        let errors = try validateTimed(
            "2000 repeated `rider` with distinct nested sub-selections", "{ " + fields + " }")
        #expect(errors.isEmpty)
    }

    @Test func twoThousandRepeatedFieldsWithOneNestedConflictReportIt() throws {
        let fields = (0..<2000).map { "rider { partner { a\($0): name } }" }.joined(separator: " ")
        let text = "{ " + fields + " rider { partner { a7: email } } }"
        let errors = try validateTimed("2000 repeated `rider` + 1 nested conflict", text)
        #expect(
            errors.map(\.message) == [
                #"Fields "rider" conflict because subfields "partner" conflict because subfields "a7" conflict because "name" and "email" are different fields. Use different aliases on the fields to fetch both if this was intentional."#
            ])
        #expect(errors.first?.locations.count == 6)
    }

    @Test func manyConflictingSubFieldsAreListedUpToABound() throws {
        let body = String(repeating: "x: name x: email ", count: 1000)
        let text = "{ rider { \(body)} rider { \(body)} }"
        let errors = try validateTimed("2 `rider` with 2000 conflicting sub-fields each", text)
        #expect(errors.count == 101)
        let first = errors.first?.message ?? ""
        #expect(first.hasPrefix(#"Fields "rider" conflict because subfields "x" conflict because "name" and "email""#))
        // One reason per listed sub-field conflict, at most the bound.
        let reasons = first.split(separator: "subfields").count - 1
        #expect(reasons == FieldConflictFinder.maxSubfieldConflicts)
        #expect(errors.first?.locations.count == 2 + 2 * FieldConflictFinder.maxSubfieldConflicts)
    }

    @Test func twoThousandRepeatedFieldsSpreadingAFragmentAreValid() throws {
        let text =
            "{ " + String(repeating: "rider { ...R } ", count: 2000)
            + "}\nfragment R on Rider { id name partner { id } }"
        let errors = try validateTimed("2000 repeated `rider { ...R }`", text)
        #expect(errors.isEmpty)
    }

    /// Still quadratic (as in graphql-js): every two fragments spread in one
    /// selection set are compared once.
    @Test func fiveHundredFragmentsSpreadTogetherAreValid() throws {
        let spreads = (0..<500).map { "...F\($0)" }.joined(separator: " ")
        let fragments = (0..<500).map { "fragment F\($0) on Query { count }" }.joined(separator: "\n")
        let errors = try validateTimed(
            "500 distinct fragments spread in one selection set", "{ \(spreads) }\n" + fragments)
        #expect(errors.isEmpty)
    }
}
