import Enforcement
import Foundation
import GraphQLEngine
import Testing

/// The field pipeline refuses, when it is built, a schema that serves a field
/// the data model encrypts without `@encrypted` and a `pii:` permission.
@Suite struct EncryptedFieldCoverageTests {
    static var schemaText: String {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            return try String(contentsOf: root.appendingPathComponent("Schema.graphql"), encoding: .utf8)
        }
    }

    /// `Schema.graphql` with `old` (which must occur once) replaced by `new`.
    static func schema(replacing old: String, with new: String) throws -> GraphQLSchema {
        let text = try schemaText
        let parts = text.components(separatedBy: old)
        try #require(parts.count == 2, "\(old) occurs once in Schema.graphql")
        return try buildSchema(sdl: parts.joined(separator: new))
    }

    static func refusal(_ schema: GraphQLSchema) -> String? {
        do {
            _ = try FieldSecurity.development.middleware(for: schema)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func theServedSchemaPasses() throws {
        #expect(Self.refusal(try buildSchema(sdl: try Self.schemaText)) == nil)
    }

    @Test func aFieldTheDataModelEncryptsWithoutEncryptedIsRefusedByName() throws {
        let schema = try Self.schema(
            replacing: #"vin: String @encrypted @requires(permission: "pii:identity")"#,
            with: #"vin: String @requires(permission: "pii:identity")"#)
        let refusal = try #require(Self.refusal(schema))
        #expect(refusal.hasPrefix("Vehicle.vin is stored encrypted (vehicles.vin) but has no @encrypted"), "\(refusal)")
    }

    @Test func aFieldTheDataModelEncryptsWithoutAPIIPermissionIsRefusedByName() throws {
        let schema = try Self.schema(
            replacing: #"bankDetails: BankDetails @encrypted @requires(permission: "pii:financial")"#,
            with: #"bankDetails: BankDetails @encrypted @requires(permission: "drivers:read")"#)
        let refusal = try #require(Self.refusal(schema))
        #expect(
            refusal
                == "DriverProfile.bankDetails is stored encrypted (driverprofiles.bankDetails) but has no @requires with a pii: permission"
        )
    }
}
