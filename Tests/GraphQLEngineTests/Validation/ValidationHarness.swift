import Foundation
import TestNode
import Testing

@testable import GraphQLEngine

/// What one implementation said about one document: its validation errors
/// (empty when valid), or the syntax error that kept it from being validated.
struct ValidationVerdict: Codable, Equatable, CustomStringConvertible {
    struct ReportedError: Codable, Equatable, CustomStringConvertible {
        var message: String
        var locations: [[Int]]

        var description: String {
            message + locations.map { " (\($0.map(String.init).joined(separator: ":")))" }.joined()
        }
    }

    var errors: [ReportedError]?
    var syntaxError: String?
    /// graphql-js threw instead of returning errors (never said of ours).
    var thrown: String?

    var isValid: Bool { errors?.isEmpty == true }

    var description: String {
        if let syntaxError { return "syntax error: \(syntaxError)" }
        if let thrown { return "threw: \(thrown)" }
        guard let errors, !errors.isEmpty else { return "valid" }
        return errors.map { "\n    " + $0.description }.joined()
    }
}

/// Runs documents through graphql-js 16's `validate` (via
/// `Oracle/validate.js` under Node, `NODE_PATH=/usr/share/nodejs`).
/// Throws, so the calling test fails, when Node or graphql-js is missing.
enum GraphQLJSValidationOracle {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct Request: Encodable {
        var schema: String?
        var rules: [String]?
        var maxErrors: Int?
        var documents: [String]?
        var listRules: Bool?
    }

    static let scriptPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Oracle/validate.js").path

    /// graphql-js's verdicts on each document, in order. `rules: nil` runs
    /// graphql-js's `specifiedRules`.
    static func verdicts(
        schema: String, documents: [String], rules: [String]?, maxErrors: Int? = nil
    ) async throws -> [ValidationVerdict] {
        let output = try await run(Request(schema: schema, rules: rules, maxErrors: maxErrors, documents: documents))
        let verdicts = try JSONDecoder().decode([ValidationVerdict].self, from: output)
        guard verdicts.count == documents.count else {
            throw Failure(
                description: "graphql-js oracle returned \(verdicts.count) verdicts for \(documents.count) documents")
        }
        return verdicts
    }

    /// The names of graphql-js's `specifiedRules`, in order.
    static func specifiedRuleNames() async throws -> [String] {
        try JSONDecoder().decode([String].self, from: await run(Request(listRules: true)))
    }

    private static func run(_ request: Request) async throws -> Data {
        try await NodeProcess.run([scriptPath], input: try JSONEncoder().encode(request))
    }
}

/// Runs our validator and compares it with graphql-js.
enum ValidationHarness {
    static let testSchema: Result<GraphQLSchema, SchemaError> = Result { () throws(SchemaError) in
        try buildSchema(sdl: ValidationTestSchema.sdl)
    }

    /// Our rules of those names, in the order given; throws on an unknown name.
    static func rules(named names: [String]) throws -> [any ValidationRule.Type] {
        try names.map { name in
            guard let rule = specifiedRule(named: name) else {
                throw GraphQLJSValidationOracle.Failure(description: "no rule named \(name) in specifiedRules")
            }
            return rule
        }
    }

    /// Our verdict on one document. `rules: nil` runs `specifiedRules`.
    static func ourVerdict(
        schema: GraphQLSchema, document text: String, rules: [String]?, maxErrors: Int = 100,
        suggestions: Bool = true
    ) throws -> ValidationVerdict {
        let document: Document
        do {
            document = try Parser.parse(text)
        } catch {
            return ValidationVerdict(syntaxError: error.message)
        }
        let selected = try rules.map { try Self.rules(named: $0) } ?? specifiedRules
        let errors = validate(
            schema: schema, document: document, rules: selected, maxErrors: maxErrors, suggestions: suggestions)
        return ValidationVerdict(
            errors: errors.map { error in
                .init(message: error.message, locations: error.locations.map { [$0.line, $0.column] })
            })
    }

    /// Validates every document with the named rules both here and in
    /// graphql-js, and records an issue for each document on which the two
    /// differ (messages, locations and order of errors). Also requires that
    /// graphql-js found at least one document valid and one invalid, so a
    /// comparison cannot pass by having nothing to compare. Returns
    /// graphql-js's verdicts.
    @discardableResult
    static func expectSameVerdictsAsGraphQLJS(
        rules: [String]?, documents: [String], schemaSDL: String = ValidationTestSchema.sdl,
        maxErrors: Int? = nil, requireValidAndInvalid: Bool = true,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> [ValidationVerdict] {
        let schema =
            schemaSDL == ValidationTestSchema.sdl ? try testSchema.get() : try buildSchema(sdl: schemaSDL)
        let reference = try await GraphQLJSValidationOracle.verdicts(
            schema: schemaSDL, documents: documents, rules: rules, maxErrors: maxErrors)
        for (text, expected) in zip(documents, reference) {
            let ours = try ourVerdict(schema: schema, document: text, rules: rules, maxErrors: maxErrors ?? 100)
            if ours != expected {
                Issue.record(
                    "Verdicts differ for:\n\(text)\n  graphql-js: \(expected)\n  ours:       \(ours)",
                    sourceLocation: sourceLocation)
            }
        }
        if requireValidAndInvalid {
            #expect(
                reference.contains { $0.isValid }, "no valid document among the cases", sourceLocation: sourceLocation)
            #expect(
                reference.contains { $0.errors?.isEmpty == false }, "no invalid document among the cases",
                sourceLocation: sourceLocation)
        }
        return reference
    }

    /// Expects exactly these errors (message, then `[line, column]` pairs)
    /// from the named rules, without asking graphql-js.
    static func expectErrors(
        rules: [String]?, document: String, _ expected: [(String, [[Int]])], suggestions: Bool = true,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let ours = try ourVerdict(
            schema: try testSchema.get(), document: document, rules: rules, suggestions: suggestions)
        let wanted = ValidationVerdict(errors: expected.map { .init(message: $0.0, locations: $0.1) })
        #expect(ours == wanted, "for:\n\(document)", sourceLocation: sourceLocation)
    }
}
