import Testing

@testable import GraphQLEngine

/// Test-only rule: reports every field it enters, to exercise the error cap.
private final class ReportEveryFieldRule: ValidationRule {
    let context: ValidationContext
    init(context: ValidationContext) { self.context = context }

    func enter(_ node: Field) -> VisitAction {
        context.report("field \(node.name.value)", at: [node.loc])
        return .continue
    }
}

/// Test-only rule: writes down what `TypeInfo` says at fields, arguments,
/// object fields, list items and enum values.
private final class TypeInfoRecorder: ValidationRule {
    let context: ValidationContext
    var lines: [String] = []
    /// What the last run recorded: `validate` makes the rule itself, so the
    /// test reads the result here. Unsafe but sound: the suite is serialized
    /// and only one test uses this rule.
    nonisolated(unsafe) static var last: [String] = []

    init(context: ValidationContext) { self.context = context }

    func enter(_ node: Field) -> VisitAction {
        let parent = context.parentType?.name ?? "-"
        let type = context.type?.description ?? "-"
        let definition = context.fieldDefinition?.name ?? "-"
        lines.append("field \(node.name.value): parent \(parent), def \(definition), type \(type)")
        return .continue
    }

    func enter(_ node: Argument) -> VisitAction {
        let type = context.inputType?.description ?? "-"
        let owner = context.directive.map { "@" + $0.name } ?? context.fieldDefinition?.name ?? "-"
        let defaultValue = context.typeInfo.defaultValue.map { Printer.print($0) } ?? "-"
        lines.append("argument \(node.name.value) of \(owner): \(type), default \(defaultValue)")
        return .continue
    }

    func enter(_ node: ObjectField) -> VisitAction {
        let parent = context.parentInputType?.description ?? "-"
        let defaultValue = context.typeInfo.defaultValue.map { Printer.print($0) } ?? "-"
        lines.append(
            "object field \(node.name.value): \(context.inputType?.description ?? "-") in \(parent), default \(defaultValue)"
        )
        return .continue
    }

    func enter(_ node: ListValue) -> VisitAction {
        lines.append("list items: \(context.inputType?.description ?? "-")")
        return .continue
    }

    func enter(_ node: EnumValue) -> VisitAction {
        lines.append("enum \(node.value): \(context.enumValue?.name ?? "-")")
        return .continue
    }

    func leave(_ node: Document) {
        Self.last = lines
    }
}

@Suite(.serialized) struct ValidationInfrastructureTests {
    let schema: GraphQLSchema

    init() throws {
        schema = try ValidationHarness.testSchema.get()
    }

    @Test func theTestSchemaIsValidForUsAndForGraphQLJS() async throws {
        #expect(validateSchema(schema).isEmpty)
        let verdicts = try await GraphQLJSValidationOracle.verdicts(
            schema: ValidationTestSchema.sdl, documents: ["{ count }", "{ zzzzzz }"], rules: nil)
        #expect(verdicts[0].isValid)
        #expect(verdicts[1].errors?.first?.message == #"Cannot query field "zzzzzz" on type "Query"."#)
    }

    @Test func specifiedRulesAreGraphQLJSRulesInGraphQLJSOrder() async throws {
        let ours = specifiedRules.map { $0.ruleName }
        let reference = try await GraphQLJSValidationOracle.specifiedRuleNames()
        #expect(reference.count == 26)
        #expect(Set(ours).count == ours.count)
        // The 17 rules of operations, fragments, fields and variables come
        // first; the other 9 join them from their own branch.
        #expect(Array(ours.prefix(17)) == Array(reference.prefix(17)))
        #expect(ours == reference.filter(ours.contains))
        for name in ours { #expect(specifiedRule(named: name) != nil) }
    }

    @Test func theErrorCapStopsValidationAndSaysSo() throws {
        let document = try Parser.parse("{ count echo(message: \"a\") bike { id gears } }")
        let errors = validate(schema: schema, document: document, rules: [ReportEveryFieldRule.self], maxErrors: 3)
        #expect(
            errors.map(\.message) == [
                "field count", "field echo", "field bike",
                "Too many validation errors, error limit reached. Validation aborted.",
            ])
        #expect(errors.last?.locations == [])
        #expect(errors.allSatisfy { $0.code == GraphQLError.Code.validationFailed })
    }

    @Test func errorsBelowTheCapAreAllReported() throws {
        let document = try Parser.parse("{ count bike { id } }")
        let errors = validate(schema: schema, document: document, rules: [ReportEveryFieldRule.self], maxErrors: 3)
        #expect(errors.map(\.message) == ["field count", "field bike", "field id"])
        #expect(
            errors.map(\.locations) == [
                [.init(line: 1, column: 3)], [.init(line: 1, column: 9)], [.init(line: 1, column: 16)],
            ])
    }

    @Test func typeInfoTracksFieldsArgumentsAndInputValues() throws {
        let document = try Parser.parse(
            """
            query Q($id: ID) {
              vehicle(id: $id) { kind ... on Bike { gears } ... { wheels } }
              rescues(filter: { status: OPEN, severities: [HIGH, NOPE], radiusKm: 2 }) { id }
              party { __typename ... on Rider { unknownField { x } } }
              powered { range }
              args { stringListArg(stringListArg: "one") }
              count @needs(level: 1)
            }
            """)
        let errors = validate(schema: schema, document: document, rules: [TypeInfoRecorder.self])
        #expect(errors.isEmpty)
        #expect(
            TypeInfoRecorder.last == [
                "field vehicle: parent Query, def vehicle, type Vehicle",
                "argument id of vehicle: ID, default -",
                "field kind: parent Vehicle, def kind, type BikeKind",
                "field gears: parent Bike, def gears, type Int",
                "field wheels: parent Vehicle, def wheels, type Int",
                "field rescues: parent Query, def rescues, type [Rescue!]!",
                "argument filter of rescues: RescueFilter, default -",
                "object field status: RescueStatus in RescueFilter, default -",
                "enum OPEN: OPEN",
                "object field severities: [Severity!] in RescueFilter, default -",
                "list items: Severity!",
                "enum HIGH: HIGH",
                "enum NOPE: -",
                "object field radiusKm: Float in RescueFilter, default 5",
                "field id: parent Rescue, def id, type ID!",
                "field party: parent Query, def party, type Party",
                "field __typename: parent Party, def __typename, type String!",
                "field unknownField: parent Rider, def -, type -",
                "field x: parent -, def -, type -",
                "field powered: parent Query, def powered, type Powered",
                "field range: parent Powered, def range, type Float",
                "field args: parent Query, def args, type Arguments",
                "field stringListArg: parent Arguments, def stringListArg, type String",
                "argument stringListArg of stringListArg: [String], default -",
                "field count: parent Query, def count, type Int",
                "argument level of @needs: Int!, default -",
            ])
    }

    @Test func variableUsagesCarryTheExpectedTypeAndDefault() throws {
        let document = try Parser.parse(
            """
            query Q($a: Int = 1, $b: DistanceUnit, $c: Boolean!, $d: String) {
              args { multipleOpts(opt1: $a) nonNullIntArg(nonNullIntArg: $a) }
              powered { range(unit: $b) }
              ...F
            }
            fragment F on Query { args { complexArg(complexArg: { requiredField: $c, nonNullField: $c, stringListField: [$d] }) } ...G }
            fragment G on Query { echo(message: $d) ...F }
            """)
        let typeInfo = TypeInfo(schema: schema)
        let context = ValidationContext(schema: schema, document: document, typeInfo: typeInfo)
        guard case .operation(let operation) = document.definitions[0] else {
            Issue.record("expected an operation")
            return
        }
        #expect(context.recursivelyReferencedFragments(of: operation).map(\.name.value) == ["F", "G"])
        #expect(context.fragment(named: "G")?.name.value == "G")
        #expect(context.fragment(named: "H") == nil)
        let usages = context.recursiveVariableUsages(of: operation).map { usage in
            "\(usage.node.name.value): \(usage.type?.description ?? "-") = \(usage.defaultValue.map { Printer.print($0) } ?? "-")"
        }
        #expect(
            usages == [
                "a: Int = 0", "a: Int! = -", "b: DistanceUnit = KM",
                "c: Boolean! = -", "c: Boolean! = false", "d: String = -",
                "d: String! = -",
            ])
        // Cached: the same answer again.
        #expect(context.recursiveVariableUsages(of: operation).count == 7)
    }
}

@Suite struct ValidateEntryPointTests {
    @Test func anInvalidSchemaIsReportedInsteadOfValidatingTheDocument() throws {
        let schema = GraphQLSchema(queryTypeName: nil, types: [])
        let errors = validate(schema: schema, document: try Parser.parse("{ anything }"))
        #expect(errors.map(\.message) == ["Query root type must be provided."])
    }

    @Test func aValidDocumentHasNoErrorsUnderEveryRule() throws {
        let schema = try ValidationHarness.testSchema.get()
        let document = try Parser.parse(
            """
            query Q($id: ID!, $near: GeoInput!) {
              rescue(id: $id) { id status vehicle { ...V } }
              station(near: $near) { name }
            }
            fragment V on Vehicle { id kind ... on Bike { gears } }
            """)
        #expect(validate(schema: schema, document: document).isEmpty)
    }

    @Test func aLongChainOfFragmentsInASubscriptionDoesNotRecurse() throws {
        let count = 3_000
        var text = "subscription { ...F0 }\n"
        for index in 0..<count - 1 {
            text += "fragment F\(index) on Subscription { ...F\(index + 1) }\n"
        }
        text += "fragment F\(count - 1) on Subscription { heartbeat stationChanged { id } }\n"
        let schema = try ValidationHarness.testSchema.get()
        // The parser's nesting cap would refuse the chain; lifted, to show the rule needs no cap.
        let document = try Parser.parse(Source(text), options: ParseOptions(maxTokens: nil, maxDepth: 100_000))
        let errors = validate(schema: schema, document: document, rules: [SingleFieldSubscriptionsRule.self])
        #expect(errors.map(\.message) == ["Anonymous Subscription must select only one top level field."])
    }
}
