import Foundation
import Testing

@testable import GraphQLEngine

/// Runs all our rules together, in graphql-js's order, over many documents made by
/// damaging valid ones (a character deleted, a name misspelt), and requires
/// the same errors as graphql-js, in the same order. This checks what the
/// per-rule tests cannot: how errors of different rules interleave in the one
/// walk, and many suggestion lists.
@Suite struct ValidationDifferentialTests {
    /// Every rule we have, in `specifiedRules` order.
    static var ruleNames: [String] { specifiedRules.map { $0.ruleName } }

    static let baseDocuments = [
        """
        query Rescues($status: RescueStatus, $first: Int = 5, $near: GeoInput!) @onQuery {
          rescues(filter: {status: $status, near: $near}, first: $first) {
            id status severity
            vehicle { ...VehicleBits ... on Powered { batteryPercent range(unit: MI) } }
            requester { ... on Rider { name email rating } ... on Mechanic { name rating skills } }
          }
          station(near: $near) { name mechanics { ...MechanicBits } }
        }
        fragment VehicleBits on Vehicle { id kind label(uppercase: true) owner { id name } }
        fragment MechanicBits on Mechanic { id name(short: true) station { id } }
        mutation Open($input: RescueInput!) { openRescue(input: $input) { id status } }
        subscription Watch($id: ID!) { rescueUpdated(id: $id) { id status } }
        """,
        """
        query Mixed($id: ID!, $flag: Boolean = false) {
          node(id: $id) { id ... on Bike { gears serial } ...Powered }
          ride { ... on Bike { id } ... on EBike { motorWatts } }
          party { __typename ... on Named { name } }
          place { ... on Station { name location { lat lng } } ... on GeoPoint { lat } }
          args { complexArg(complexArg: {requiredField: $flag, stringListField: ["a"]}) }
        }
        fragment Powered on Powered { batteryPercent owner { partner { ...RiderBits } } }
        fragment RiderBits on Rider { id bikes { kind } rescues(status: OPEN) { id } }
        """,
        """
        subscription Watch($id: ID!, $skip: Boolean = false) {
          rescueUpdated(id: $id) { ...RescueBits requester { ... on Mechanic { station { ...StationBits } } } }
        }
        query Again($id: ID!) { rescue(id: $id) { ...RescueBits } }
        fragment RescueBits on Rescue { id status createdAt notes(limit: 2) vehicle { ...VehicleBits } }
        fragment VehicleBits on Vehicle { id ... on Scooter { maxSpeed } ... on Ride { __typename } }
        fragment StationBits on Station { id mechanics { rating skills } }
        """,
        """
        query ($r: Boolean!, $list: [String], $unit: DistanceUnit = MI, $in: RescueInput) {
          args {
            complexArg(complexArg: {requiredField: $r, stringListField: $list, nested: {requiredField: true}})
            multipleReqs(req1: 1, req2: 2)
          }
          powered { range(unit: $unit) ... on EBike { motorWatts } ... on Node { id } }
          named { name(short: $r) ... on Rider { email } ... on Mechanic { skills } }
        }
        """,
    ]

    /// Every document with one character removed.
    static func deletions(of text: String) -> [String] {
        let characters = Array(text)
        return characters.indices.map { index in
            var copy = characters
            copy.remove(at: index)
            return String(copy)
        }
    }

    /// Every document with one name misspelt (its last letter dropped, or a
    /// letter added for one-letter names).
    static func misspellings(of text: String) -> [String] {
        let pattern = try? NSRegularExpression(pattern: "[_A-Za-z][_0-9A-Za-z]*")
        let range = NSRange(text.startIndex..., in: text)
        let matches = pattern?.matches(in: text, range: range) ?? []
        return matches.compactMap { match in
            guard let swiftRange = Range(match.range, in: text) else { return nil }
            let name = String(text[swiftRange])
            let replacement = name.count > 1 ? String(name.dropLast()) : name + "x"
            return text.replacingCharacters(in: swiftRange, with: replacement)
        }
    }

    @Test func damagedDocumentsGetTheSameErrorsInTheSameOrder() async throws {
        var documents: [String] = []
        for base in Self.baseDocuments {
            documents.append(base)
            documents += Self.misspellings(of: base)
            documents += Self.deletions(of: base)
        }
        let schema = try ValidationHarness.testSchema.get()
        let reference = try await GraphQLJSValidationOracle.verdicts(
            schema: ValidationTestSchema.sdl, documents: documents, rules: Self.ruleNames)
        var compared = 0
        var invalid = 0
        var mismatches = 0
        for (text, expected) in zip(documents, reference) {
            let ours = try ValidationHarness.ourVerdict(schema: schema, document: text, rules: Self.ruleNames)
            // Syntax errors belong to the parser's own comparison tests; here
            // both sides must only agree that the document does not parse.
            if expected.syntaxError != nil || ours.syntaxError != nil {
                #expect(
                    (expected.syntaxError != nil) == (ours.syntaxError != nil), "parse verdicts differ for:\n\(text)")
                continue
            }
            compared += 1
            if !expected.isValid { invalid += 1 }
            if ours != expected {
                mismatches += 1
                if mismatches <= 10 {
                    Issue.record("Verdicts differ for:\n\(text)\n  graphql-js: \(expected)\n  ours:       \(ours)")
                }
            }
        }
        #expect(mismatches == 0)
        #expect(compared >= 1_000)
        #expect(invalid >= 600)
    }

    @Test func theDeepestDocumentTheParserAcceptsValidates() throws {
        // 200 levels of `partner { ... }`: the walk recurses once per level,
        // which the parser's depth cap bounds.
        let depth = 200
        let text =
            "{ rider { " + String(repeating: "partner { ", count: depth) + "id"
            + String(repeating: " }", count: depth) + " } }"
        let errors = validate(
            schema: try ValidationHarness.testSchema.get(), document: try Parser.parse(text))
        #expect(errors.isEmpty)
        let unknown = text.replacingOccurrences(of: "id", with: "idd")
        let unknownErrors = validate(
            schema: try ValidationHarness.testSchema.get(), document: try Parser.parse(unknown))
        #expect(unknownErrors.map(\.locations.first?.line) == [1])
    }

    @Test func theErrorCapMatchesGraphQLJS() async throws {
        let documents = [
            "{ a b c d e f }",
            "{ a b c }",
            "{ a b }",
            "query ($x: Int, $x: Int) { ...A ...B ...C } fragment A on Query { nope }",
        ]
        for cap in [1, 2, 3] {
            try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
                rules: Self.ruleNames, documents: documents, maxErrors: cap, requireValidAndInvalid: false)
        }
        let reference = try await GraphQLJSValidationOracle.verdicts(
            schema: ValidationTestSchema.sdl, documents: ["{ a b c d e f }"], rules: nil, maxErrors: 2)
        #expect(reference[0].errors?.last?.message == ValidationContext.tooManyErrorsMessage)
    }

    @Test func theDefaultCapIsAHundredErrors() throws {
        let fields = (0..<150).map { "f\($0)" }.joined(separator: " ")
        let errors = validate(
            schema: try ValidationHarness.testSchema.get(), document: try Parser.parse("{ \(fields) }"),
            suggestions: false)
        #expect(errors.count == 101)
        #expect(errors[99].message == "Cannot query field \"f99\" on type \"Query\".")
        #expect(errors[100].message == "Too many validation errors, error limit reached. Validation aborted.")
    }
}
