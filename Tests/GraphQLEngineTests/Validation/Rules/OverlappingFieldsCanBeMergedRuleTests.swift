import Testing

@testable import GraphQLEngine

@Suite struct OverlappingFieldsCanBeMergedRuleTests {
    let rules = ["OverlappingFieldsCanBeMergedRule"]

    @Test func fieldsOfOneSelectionSetMergeAsGraphQLJSJudgesIt() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ count count c: count }",
                "{ count: echo(message: \"a\") count }",
                "{ x: count x: echo(message: \"a\") x: count x: bike { id } }",
                "{ echo(message: \"a\") echo(message: \"b\") echo(message: \"a\") }",
                "{ args { complexArg(complexArg: { intField: 1, stringField: \"s\" }) complexArg(complexArg: { stringField: \"s\", intField: 1 }) } }",
                "{ args { stringArg(stringArg: \"x\") stringArg(stringArg: \"\"\"x\"\"\") } }",
                "query Q($a: String!, $b: String!) { echo(message: $a) echo(message: $b) echo(message: $a) }",
                "{ count @include(if: true) count @skip(if: false) }",
                "{ rider { id } rider { name } rider(id: 1) { id } }",
                "{ bike { id } bike { id: serial } }",
                "{ bike { owner { name } } bike { owner { name(short: true) } } bike { owner { name: email } } }",
                "{ rider { partner { partner { id } } } rider { partner { partner { id: name } } } }",
                "{ nope nope(x: 1) unknown: count unknown: nope }",
                "{ __typename __typename t: __typename t: count }",
            ])
    }

    @Test func fieldsOnDifferentTypesMergeAsGraphQLJSJudgesIt() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ vehicle { ... on Bike { serial } ... on EBike { serial } } }",
                "{ vehicle { ... on Bike { serial } ... on Scooter { serial } } }",
                "{ vehicle { ... on Bike { x: gears } ... on EBike { x: motorWatts } } }",
                "{ vehicle { ... on Bike { x: gears } ... on Scooter { x: maxSpeed } } }",
                "{ vehicle { ... on Bike { label(uppercase: true) } ... on EBike { label(uppercase: false) } } }",
                "{ vehicle { ... on Powered { label(uppercase: true) } ... on EBike { label(uppercase: false) } } }",
                "{ party { ... on Rider { rating } ... on Mechanic { rating } } }",
                "{ party { ... on Rider { x: name } ... on Mechanic { x: skills } } }",
                "{ named { ... on Rider { x: bikes { id } } ... on Mechanic { x: station { id } } } }",
                "{ named { ... on Rider { x: partner { id } } ... on Mechanic { x: station { id: name } } } }",
                "{ ride { ... on Bike { serial } ... on EBike { serial } ... on Scooter { serial } } }",
                "{ place { ... on Station { location { lat } } ... on GeoPoint { location: lng } } }",
                "{ vehicle { owner { id } ... on Bike { owner { id: name } } } }",
                "{ vehicle { ... on Bike { owner { ... on Rider { partner { name } } } } ... on EBike { owner { partner { name: email } } } } }",
            ])
    }

    @Test func fragmentsMergeAsGraphQLJSJudgesIt() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                """
                { ...A ...B count }
                fragment A on Query { count }
                fragment B on Query { count: echo(message: "x") }
                """,
                """
                { rider { ...R } rider { ...S } }
                fragment R on Rider { name }
                fragment S on Rider { name: email }
                """,
                """
                { ...A }
                fragment A on Query { x: count ...B }
                fragment B on Query { x: echo(message: "a") ...C }
                fragment C on Query { x: bike { id } ...A }
                """,
                """
                { ...A ...A }
                fragment A on Query { ...A count x: count }
                """,
                """
                { rider { ...R } rider { ...R } }
                fragment R on Rider { id name }
                """,
                """
                { vehicle { ... on Bike { ...BikeBits } ... on EBike { ...EBits } } }
                fragment BikeBits on Bike { x: gears owner { name } }
                fragment EBits on EBike { x: motorWatts owner { name: email } }
                """,
                """
                { a: rider { ...F } a: rider { ...G } }
                fragment F on Rider { partner { ...H } }
                fragment G on Rider { partner { ...I } }
                fragment H on Rider { y: name }
                fragment I on Rider { y: email }
                """,
                """
                { ...Missing x: count ...A }
                fragment A on Query { x: echo(message: "m") }
                """,
                """
                query { ...A ...B }
                fragment A on Query { rider { id } bike { id } }
                fragment B on Query { rider { id: name } bike { id: serial } }
                """,
                """
                fragment A on Query { count }
                fragment B on Query { count: echo(message: "x") ...A }
                """,
            ])
    }

    @Test func repeatedConflictsAreEachReportedInGraphQLJSOrder() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ x: count x: count x: echo(message: \"a\") x: count x: echo(message: \"a\") x: echo(message: \"b\") }",
                "{ rider { n: name n: email } rider { n: name n: email } rider { n: email } }",
                "{ bike { x: id } bike { x: id } bike { x: serial } bike { x: id } }",
                "{ a: bike { owner { id } } a: bike { owner { id } } a: bike { owner { id: email } } a: bike { owner { id } } }",
                "{ vehicle { ... on Bike { x: gears } ... on EBike { x: motorWatts } ... on Bike { x: gears } ... on Powered { x: wheels } } }",
                "{ x: count x: count y: count x: count y: count }",
            ])
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ " + String(repeating: "x: count x: echo(message: \"a\") ", count: 30) + "}",
                "{ " + String(repeating: "x: count ", count: 200) + "x: echo(message: \"a\") }",
            ],
            maxErrors: 50, requireValidAndInvalid: false)
    }

    @Test func aConflictNamesBothFieldsAndTheReason() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{\n  x: count\n  x: echo(message: \"a\")\n}",
            [
                (
                    #"Fields "x" conflict because "count" and "echo" are different fields. Use different aliases on the fields to fetch both if this was intentional."#,
                    [[2, 3], [3, 3]]
                )
            ])
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ vehicle { ... on Bike { x: gears } ... on Scooter { x: maxSpeed } } }",
            [
                (
                    #"Fields "x" conflict because they return conflicting types "Int" and "Float". Use different aliases on the fields to fetch both if this was intentional."#,
                    [[1, 27], [1, 55]]
                )
            ])
    }

    @Test func nestedConflictsListTheSubfieldsAndTheirLocations() throws {
        try ValidationHarness.expectErrors(
            rules: rules,
            document: """
                {
                  bike { owner { n: name n2: id } }
                  bike { owner { n: email n2: name } }
                }
                """,
            [
                (
                    #"Fields "bike" conflict because subfields "owner" conflict because subfields "n" conflict because "name" and "email" are different fields and subfields "n2" conflict because "id" and "name" are different fields. Use different aliases on the fields to fetch both if this was intentional."#,
                    [[2, 3], [2, 10], [2, 18], [2, 26], [3, 3], [3, 10], [3, 18], [3, 27]]
                )
            ])
    }
}
