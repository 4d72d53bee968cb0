import Enforcement
import Foundation
import Gateway
import GraphQLEngine
import MongoStore
import Resolvers
import Security

/// Everything `serve` needs, read and checked before anything starts.
struct ServeSettings {
    var uri: String
    var databaseName: String
    var deployment: DeploymentEnvironment
    var gateway: GatewayConfiguration
    var hasher: APIKeyHasher
    var keyRing: KeyRing
    /// `SUPPORTCARR_BLIND_INDEX_KEY`: the hashes mutations write beside phone
    /// numbers, emails and plates.
    var blindIndex: BlindIndex
    /// `SUPPORTCARR_LEGACY_CIPHERTEXTS`; nil when unset (decided once the
    /// database is open: `legacyCiphertexts(lastRotation:)`).
    var legacyCiphertexts: LegacyCiphertexts?
    /// Where the schema came from and its text; built by `makeSchema(security:locator:)`
    /// once the database (which the PII audit writes to) is open.
    var schemaPath: String
    var schemaText: String

    /// - Throws: `ConfigurationProblem` whose description is one line naming the setting.
    static func read(environment: [String: String], schemaFlag: String?, database: DatabaseOptions) throws
        -> ServeSettings
    {
        do {
            let (uri, name) = try database.resolve(environment)
            let deployment = try DeploymentEnvironment.fromEnvironment(environment)
            let gateway = try GatewayConfiguration.fromEnvironment(environment)
            let hasher = try APIKeyHasher.fromEnvironment(environment)
            // Read now so a production deployment without real keys stops here,
            // before it serves a single request.
            let keyRing = try KeyRing.fromEnvironment(environment)
            let blindIndex = try BlindIndex.fromEnvironment(environment)
            // One key, one purpose: the same bytes pasted into two settings stop start-up.
            try KeyPurposes.checkDistinct(keyRing: keyRing, blindIndex: blindIndex, hasher: hasher)
            let legacy = try LegacyCiphertexts.fromEnvironment(environment)
            let (path, text) = try SchemaFile.load(path: schemaFlag, environment: environment)
            return ServeSettings(
                uri: uri, databaseName: name, deployment: deployment, gateway: gateway, hasher: hasher,
                keyRing: keyRing, blindIndex: blindIndex, legacyCiphertexts: legacy, schemaPath: path, schemaText: text)
        } catch let error as ConfigurationError {
            throw ConfigurationProblem(error.description)
        }
    }

    /// What the gateway does with legacy ciphertexts: the setting when given,
    /// else the default for the deployment and the last complete `keys rotate`
    /// (`LegacyCiphertexts.unsetDefault`: refuse in production once a run left
    /// no legacy value).
    func legacyCiphertexts(lastRotation: KeyRotationRecord?) -> LegacyCiphertexts {
        legacyCiphertexts ?? .unsetDefault(deployment: deployment, lastRotation: lastRotation)
    }

    /// The executable schema with the field pipeline's permission check and
    /// decryption (`security`), `nearbyDrivers` answered from `locator` while it can.
    ///
    /// - Throws: `ConfigurationProblem` naming the schema file when it does not
    ///   build against the resolvers, names a permission outside the catalogue,
    ///   or serves a field the data model encrypts without `@encrypted` and a
    ///   `pii:` permission.
    func makeSchema(security: FieldSecurity, locator: DriverLocator? = nil, hub: ChangeStreamHub? = nil) throws
        -> ExecutableSchema
    {
        do {
            return try SupportCarrSchema.make(sdl: schemaText, security: security, locator: locator, hub: hub)
        } catch let error as SecuritySchemaError {
            throw ConfigurationProblem("\(schemaPath): \(error)")
        } catch {
            throw ConfigurationProblem("\(schemaPath): the schema does not build against the resolvers: \(error)")
        }
    }
}
