import Foundation
import Gateway
import GraphQLEngine
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
    var schema: ExecutableSchema

    /// - Throws: `ConfigurationProblem` whose description is one line naming the setting.
    static func read(environment: [String: String], schemaFlag: String?, database: DatabaseOptions) throws
        -> ServeSettings
    {
        do {
            let (uri, name) = try database.resolve(environment)
            let deployment = try DeploymentEnvironment.fromEnvironment(environment)
            var gateway = try GatewayConfiguration.fromEnvironment(environment)
            gateway.allowsAnonymousIntrospection = deployment == .development
            let hasher = try APIKeyHasher.fromEnvironment(environment)
            // Read now so a production deployment without real keys stops here,
            // before it serves a single request.
            let keyRing = try KeyRing.fromEnvironment(environment)
            _ = try BlindIndex.fromEnvironment(environment)
            let (path, text) = try SchemaFile.load(path: schemaFlag, environment: environment)
            let schema: ExecutableSchema
            do {
                schema = try SupportCarrSchema.make(sdl: text)
            } catch {
                throw ConfigurationProblem("\(path): the schema does not build against the resolvers: \(error)")
            }
            return ServeSettings(
                uri: uri, databaseName: name, deployment: deployment, gateway: gateway, hasher: hasher,
                keyRing: keyRing, schema: schema)
        } catch let error as ConfigurationError {
            throw ConfigurationProblem(error.description)
        }
    }
}
