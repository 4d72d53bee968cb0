import Foundation
import GraphQLEngine
import TestNode
import Testing

/// Checks on the gateway's own `Schema.graphql` (the repository root): it
/// builds with our engine and with graphql-js 16 to the same printed schema,
/// documents every element, and declares its security directives as the
/// security layer expects them (`README.md`, "Permissions").
@Suite("The gateway's Schema.graphql")
struct SchemaFileTests {
    /// The data model's 17 collections, as GraphQL object types.
    static let entityTypeNames: Set<String> = [
        "User", "RiderProfile", "DriverProfile", "Vehicle", "RescueRequest", "RescueAssignment", "Payment", "Payout",
        "Rating", "PaymentMethod", "APIKey", "Notification", "AuditLog", "DriverStats", "DriverAvailabilityLog",
        "RescueStatusHistory", "TwilioEventLog",
    ]

    /// The fields the data model stores encrypted (`docs/DATA-MODEL.md`, "Encryption at rest", and the
    /// collection schemas, which add `DriverProfile.vehicleInsuranceNumber`).
    static let encryptedFields: Set<String> = [
        "User.phoneNumber", "RiderProfile.name", "RiderProfile.email", "DriverProfile.name", "DriverProfile.email",
        "DriverProfile.licenseNumber", "DriverProfile.vehicleInsuranceNumber", "DriverProfile.bankDetails",
        "Vehicle.plateNumber", "Vehicle.vin",
    ]

    /// Stored secrets that no type may offer under their stored names.
    static let secretFieldNames: Set<String> = ["key", "hashedPassword", "refreshToken", "phoneVerificationCode"]

    /// The permission catalogue; `@requires` may name only these.
    static let permissionCatalogue: Set<String> = [
        "rescues:read", "rescues:write", "assignments:write", "drivers:read", "drivers:write", "riders:read",
        "users:read", "payments:read", "payouts:read", "ratings:read", "notifications:read", "notifications:write",
        "auditlogs:read", "apikeys:manage", "twilio:read",
        "ratings:write", "payments:write",
        "profiles:write", "users:erase",
        "pii:contact",
        "pii:identity", "pii:financial",
    ]

    struct SchemaFileError: Error, CustomStringConvertible {
        var description: String
    }

    /// `Schema.graphql`, found from this file's own path
    /// (`Tests/ResolversTests/Schema/SchemaFileTests.swift`).
    static var schemaURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Schema.graphql")
    }

    static func schemaText() throws -> String {
        try String(contentsOf: schemaURL, encoding: .utf8)
    }

    static func buildFileSchema() throws -> GraphQLSchema {
        let sdl = try schemaText()
        do {
            return try buildSchema(sdl: sdl, options: SchemaBuildOptions(parseOptions: .trusted))
        } catch {
            throw SchemaFileError(description: "Schema.graphql does not build:\n\(error.description)")
        }
    }

    /// The types the file itself defines: not the built-in scalars, not the
    /// introspection types.
    static func ownTypes(of schema: GraphQLSchema) -> [GraphQLNamedType] {
        schema.types.filter {
            !BuiltInScalars.isBuiltIn($0.name) && !IntrospectionTypes.isIntrospectionTypeName($0.name)
        }
    }

    /// The permissions `@requires` names on one element.
    static func permissions(_ element: some HasAppliedDirectives) -> Set<String> {
        Set(element.directives(named: "requires").compactMap(permissionValue))
    }

    static func permissions(ofType name: String, in schema: GraphQLSchema) -> Set<String> {
        guard let type = schema.type(named: name) else { return [] }
        return Set(type.directives.filter { $0.name == "requires" }.compactMap(permissionValue))
    }

    static func permissionValue(_ directive: AppliedDirective) -> String? {
        if case .string(let permission)? = directive.argument("permission") { return permission }
        return nil
    }

    // MARK: Building

    @Test("Schema.graphql builds with our engine without errors")
    func buildsWithOurEngine() throws {
        let schema = try Self.buildFileSchema()
        #expect(schema.queryType?.name == "Query")
        #expect(schema.mutationType?.name == "Mutation")
        #expect(schema.description?.isEmpty == false)
    }

    /// graphql-js 16's `printSchema(buildSchema(sdl))`, run by Node.js with
    /// Debian's `node-graphql` (`NODE_PATH=/usr/share/nodejs`).
    static func graphQLJSPrintedSchema(fileAt url: URL) async throws -> String {
        let script = """
            const g = require('graphql');
            if (!g.version.startsWith('16.')) { console.error('graphql-js ' + g.version + ', not 16'); process.exit(2); }
            const sdl = require('fs').readFileSync(process.argv[1], 'utf8');
            process.stdout.write(g.printSchema(g.buildSchema(sdl)));
            """
        do {
            return try await NodeProcess.scriptText(script, arguments: [url.path])
        } catch {
            throw SchemaFileError(description: "graphql-js could not build Schema.graphql: \(error)")
        }
    }

    @Test("graphql-js 16 builds Schema.graphql and prints it exactly as our printer does")
    func printsAsGraphQLJSDoes() async throws {
        let ours = printSchema(try Self.buildFileSchema())
        let theirs = try await Self.graphQLJSPrintedSchema(fileAt: Self.schemaURL)
        let ourLines = ours.split(separator: "\n", omittingEmptySubsequences: false)
        let theirLines = theirs.split(separator: "\n", omittingEmptySubsequences: false)
        if let line = zip(ourLines, theirLines).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record(
                "Line \(line + 1) differs:\n  ours:       \(ourLines[line])\n  graphql-js: \(theirLines[line])")
        }
        #expect(ourLines.count == theirLines.count)
        #expect(ours == theirs)
    }

    // MARK: Documentation

    @Test("Every type, field, argument, input field, enum value and directive has a description")
    func everythingIsDescribed() throws {
        let schema = try Self.buildFileSchema()
        var missing: [String] = []
        func check(_ description: String?, _ path: String) {
            if (description ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { missing.append(path) }
        }
        func checkFields(_ fields: [GraphQLField], of typeName: String) {
            for field in fields {
                check(field.description, "\(typeName).\(field.name)")
                for argument in field.arguments {
                    check(argument.description, "\(typeName).\(field.name)(\(argument.name):)")
                }
            }
        }
        check(schema.description, "schema")
        for type in Self.ownTypes(of: schema) {
            check(type.typeDescription, type.name)
            switch type {
            case .object(let object): checkFields(object.fields, of: object.name)
            case .interface(let interface): checkFields(interface.fields, of: interface.name)
            case .enumType(let enumType):
                for value in enumType.values { check(value.description, "\(enumType.name).\(value.name)") }
            case .inputObject(let input):
                for field in input.fields { check(field.description, "\(input.name).\(field.name)") }
            case .scalar, .union: break
            }
        }
        for directive in schema.directives where !BuiltInDirectives.isBuiltIn(directive.name) {
            check(directive.description, "@\(directive.name)")
            for argument in directive.arguments { check(argument.description, "@\(directive.name)(\(argument.name):)") }
        }
        #expect(missing.isEmpty, "Without a description: \(missing.joined(separator: ", "))")
    }

    // MARK: Security directives

    @Test("The security directives are declared as the security layer reads them")
    func securityDirectivesAreDeclared() throws {
        let schema = try Self.buildFileSchema()
        let requires = try #require(schema.directive(named: "requires"))
        #expect(requires.argument(named: "permission")?.type.description == "String!")
        #expect(Set(requires.locations) == [.object, .fieldDefinition])
        let encrypted = try #require(schema.directive(named: "encrypted"))
        #expect(encrypted.arguments.isEmpty)
        #expect(encrypted.locations == [.fieldDefinition])
    }

    @Test("Exactly the data model's encrypted fields are @encrypted, each also requiring a pii: permission")
    func encryptedFieldsRequirePII() throws {
        let schema = try Self.buildFileSchema()
        let marked = schema.fields(withDirective: "encrypted")
        #expect(Set(marked.map { "\($0.typeName).\($0.field.name)" }) == Self.encryptedFields)
        for (typeName, field) in marked {
            let pii = Self.permissions(field).filter { $0.hasPrefix("pii:") }
            #expect(!pii.isEmpty, "\(typeName).\(field.name) is @encrypted without @requires(permission: \"pii:...\")")
        }
    }

    @Test("@requires names only permissions of the catalogue")
    func permissionsComeFromTheCatalogue() throws {
        let schema = try Self.buildFileSchema()
        var named: [String: Set<String>] = [:]
        for type in Self.ownTypes(of: schema) {
            for permission in Self.permissions(ofType: type.name, in: schema) {
                named[permission, default: []].insert(type.name)
            }
            for field in type.fields ?? [] {
                for permission in Self.permissions(field) {
                    named[permission, default: []].insert("\(type.name).\(field.name)")
                }
            }
        }
        let unknown = Set(named.keys).subtracting(Self.permissionCatalogue)
        #expect(
            unknown.isEmpty,
            "Not in the catalogue: \(unknown.sorted()) on \(unknown.flatMap { named[$0] ?? [] }.sorted())")
        // The `:write` permissions guard mutations; every other one guards something to read.
        #expect(Set(named.keys) == Self.permissionCatalogue)
    }

    @Test("Every entity type and its connection types require a permission")
    func entitiesAreGuarded() throws {
        let schema = try Self.buildFileSchema()
        for name in Self.entityTypeNames {
            #expect(!Self.permissions(ofType: name, in: schema).isEmpty, "\(name) has no @requires")
        }
        for type in Self.ownTypes(of: schema) where type.name.hasSuffix("Connection") || type.name.hasSuffix("Edge") {
            let node =
                type.name.hasSuffix("Connection") ? String(type.name.dropLast(10)) : String(type.name.dropLast(4))
            #expect(
                Self.permissions(ofType: type.name, in: schema) == Self.permissions(ofType: node, in: schema),
                "\(type.name) must require what \(node) requires")
        }
    }

    /// A permission check that fails turns the field into `null`; a non-null
    /// field would instead null its parent. So a field that may be denied
    /// (its own `@requires`, or one on the type it returns, that its parent
    /// type does not already require) must be nullable. Except the
    /// subscription type's: an operation selects exactly one of them
    /// (https://spec.graphql.org/October2021/#sec-Single-root-field), so a
    /// null there loses no sibling, and a denied one is refused at subscribe
    /// time before any event.
    @Test("Fields a missing permission can deny are nullable")
    func deniableFieldsAreNullable() throws {
        let schema = try Self.buildFileSchema()
        var offending: [String] = []
        for type in Self.ownTypes(of: schema) where type.name != schema.subscriptionTypeName {
            guard let fields = type.fields else { continue }
            let granted = Self.permissions(ofType: type.name, in: schema)
            for field in fields {
                var needed = Self.permissions(field)
                let returned = field.type.namedTypeName
                needed.formUnion(Self.permissions(ofType: returned, in: schema))
                if case .interface(let interface)? = schema.type(named: returned) {
                    for object in schema.implementations(of: interface).objects {
                        needed.formUnion(Self.permissions(ofType: object.name, in: schema))
                    }
                }
                if !needed.isSubset(of: granted) && field.type.isNonNull {
                    offending.append("\(type.name).\(field.name): \(field.type)")
                }
            }
        }
        #expect(offending.isEmpty, "Non-null but deniable: \(offending.joined(separator: ", "))")
    }

    // MARK: Coverage of the data model

    @Test("The data model's 17 entities exist and no secret is exposed")
    func entitiesExistWithoutSecrets() throws {
        let schema = try Self.buildFileSchema()
        for name in Self.entityTypeNames.sorted() {
            guard case .object(let object)? = schema.type(named: name) else {
                Issue.record("No object type \(name)")
                continue
            }
            #expect(object.field(named: "id")?.type.description == "ObjectID!", "\(name).id")
        }
        var exposed: [String] = []
        for type in Self.ownTypes(of: schema) {
            var names = (type.fields ?? []).map(\.name)
            if case .inputObject(let input) = type { names += input.fields.map(\.name) }
            for name in names where Self.secretFieldNames.contains(name) { exposed.append("\(type.name).\(name)") }
        }
        #expect(exposed.isEmpty, "Secret fields exposed: \(exposed)")
    }

    @Test("Every entity can be looked up by id from Query")
    func everyEntityHasALookup() throws {
        let schema = try Self.buildFileSchema()
        let query = try #require(schema.queryType)
        let lookups = query.fields.filter { field in
            field.arguments.count == 1 && field.arguments[0].name == "id"
                && field.arguments[0].type.description == "ObjectID!"
        }
        #expect(Set(lookups.map(\.type.description)) == Self.entityTypeNames)
    }

    @Test(
        "Connection fields take `first` (default 20) and `after`, and connections have edges, pageInfo and totalCount")
    func connectionsAreRelayShaped() throws {
        let schema = try Self.buildFileSchema()
        var returned: Set<String> = []
        for type in Self.ownTypes(of: schema) {
            for field in type.fields ?? [] where field.type.namedTypeName.hasSuffix("Connection") {
                returned.insert(field.type.namedTypeName)
                let first = field.argument(named: "first")
                #expect(first?.type.description == "Int", "\(type.name).\(field.name)(first:)")
                #expect(first?.coercedDefaultValue == .int(20), "\(type.name).\(field.name)(first:) default")
                #expect(
                    field.argument(named: "after")?.type.description == "String", "\(type.name).\(field.name)(after:)")
            }
            guard type.name.hasSuffix("Connection"), case .object(let connection) = type else { continue }
            let node = String(type.name.dropLast(10))
            #expect(connection.field(named: "edges")?.type.description == "[\(node)Edge!]!")
            #expect(connection.field(named: "pageInfo")?.type.description == "PageInfo!")
            #expect(connection.field(named: "totalCount")?.type.description == "Int!")
            guard case .object(let edge)? = schema.type(named: "\(node)Edge") else {
                Issue.record("No \(node)Edge")
                continue
            }
            #expect(edge.field(named: "cursor")?.type.description == "String!")
            #expect(edge.field(named: "node")?.type.description == "\(node)!")
        }
        let connections = Set(Self.ownTypes(of: schema).map(\.name).filter { $0.hasSuffix("Connection") })
        #expect(!connections.isEmpty)
        #expect(
            returned == connections, "Connection types no field returns: \(connections.subtracting(returned).sorted())")
    }

    @Test("nearbyDrivers takes a point, a distance defaulting to 5000 meters and a count defaulting to 20")
    func nearbyDriversMatchesTheSeedQuery() throws {
        let schema = try Self.buildFileSchema()
        let field = try #require(schema.queryType?.field(named: "nearbyDrivers"))
        #expect(field.argument(named: "near")?.type.description == "GeoPointInput!")
        #expect(field.argument(named: "maxDistanceMeters")?.coercedDefaultValue == .int(5000))
        #expect(field.argument(named: "first")?.coercedDefaultValue == .int(20))
        #expect(field.type.description == "[NearbyDriver!]")
        guard case .object(let nearby)? = schema.type(named: "NearbyDriver") else {
            Issue.record("No NearbyDriver type")
            return
        }
        #expect(nearby.field(named: "distanceMeters")?.type.description == "Float!")
        #expect(nearby.field(named: "driver")?.type.description == "DriverProfile!")
    }
}
