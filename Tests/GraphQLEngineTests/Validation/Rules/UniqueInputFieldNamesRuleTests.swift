import Testing

@testable import GraphQLEngine

@Suite struct UniqueInputFieldNamesRuleTests {
    let rules = ["UniqueInputFieldNamesRule"]

    @Test func inputFieldsAreGivenOnceAsGraphQLJSJudgesIt() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ rescues(filter: { status: OPEN, radiusKm: 1 }) { id } }",
                "{ rescues(filter: { status: OPEN, status: DONE }) { id } }",
                "{ rescues(filter: { status: OPEN, status: DONE, status: CANCELLED }) { id } }",
                "{ rescues(filter: { near: { lat: 1, lat: 2 }, near: { lng: 1, lng: 2 } }) { id } }",
                "{ rescues(filter: { near: { lat: 1 }, radiusKm: 1, near: { lat: 2 } }) { id } }",
                "{ args { complexArg(complexArg: { nested: { intField: 1 }, intField: 1 }) } }",
                "{ args { stringListArg(stringListArg: [{ a: 1, a: 2 }, { a: 1 }]) } }",
                "{ nope(x: { a: 1, b: { a: 1, a: 1 } }) }",
                "query Q($v: RescueFilter = { status: OPEN, status: OPEN }) { count }",
            ])
    }

    @Test func theRepeatIsReportedAtBothNames() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ rescues(filter: { status: OPEN, status: DONE }) { id } }",
            [(#"There can be only one input field named "status"."#, [[1, 21], [1, 35]])])
    }
}
