import Enforcement
import GraphQLEngine
import Security
import SupportCarrData
import Testing

@testable import Resolvers

/// The per-field table `PermissionMiddleware` checks, built from `Schema.graphql`.
struct FieldRequirementTests {
    static func table() throws -> [String: [String: FieldRequirement]] {
        try FieldRequirement.table(for: try buildSchema(sdl: SeededDatabase.schemaText))
    }

    @Test func aFieldNeedsItsOwnItsTypesAndItsParentsPermissions() throws {
        let table = try Self.table()
        #expect(table["RescueRequest"]?["rider"]?.permissions == [.rescuesRead, .ridersRead])
        #expect(table["Query"]?["rescueRequests"]?.permissions == [.rescuesRead])
        #expect(table["DriverProfile"]?["bankDetails"]?.permissions == [.driversRead, .piiFinancial])
        #expect(table["DriverProfile"]?["bankDetails"]?.isPersonalData == true)
        #expect(table["DriverProfile"]?["bankDetails"]?.parentCollection == .driverProfiles)
        #expect(table["DriverProfile"]?["totalEarnings"]?.isPersonalData == false)
        #expect(table["Mutation"]?["transitionRescue"]?.permissions == [.rescuesRead, .rescuesWrite])
        #expect(table["CardDetails"]?["expMonth"]?.parentCollection == nil)
    }

    @Test func plainFieldsOfAGuardedTypeAreLeftToTheFieldThatReturnedIt() throws {
        let table = try Self.table()
        #expect(table["RescueRequest"]?["status"] == nil)
        #expect(table["User"]?["role"] == nil)
        #expect(table["PageInfo"] == nil)
    }

    @Test func aFieldReturningAnInterfaceIsCheckedByTheConcreteType() throws {
        let profile = try #require(try Self.table()["User"]?["profile"])
        #expect(profile.concreteTypes == ["RiderProfile": [.ridersRead], "DriverProfile": [.driversRead]])
        #expect(profile.permissions == [.usersRead])
    }

    @Test func everyFieldReturningAGuardedTypeIsChecked() throws {
        let schema = try buildSchema(sdl: SeededDatabase.schemaText)
        let table = try FieldRequirement.table(for: schema)
        for case .object(let object) in schema.types where !object.name.hasPrefix("__") {
            for field in object.fields {
                guard case .object(let returned)? = schema.type(named: field.type.namedTypeName),
                    returned.hasDirective(named: "requires")
                else { continue }
                #expect(table[object.name]?[field.name] != nil, "\(object.name).\(field.name)")
            }
        }
    }

    @Test func aPermissionOutsideTheCatalogueStopsStartUp() throws {
        let sdl = SeededDatabase.schemaText.replacingOccurrences(
            of: #"type Payout @requires(permission: "payouts:read")"#,
            with: #"type Payout @requires(permission: "payouts:reed")"#)
        #expect(sdl != SeededDatabase.schemaText)
        #expect(throws: SecuritySchemaError.self) {
            _ = try SupportCarrSchema.make(sdl: sdl, security: .development)
        }
    }
}
