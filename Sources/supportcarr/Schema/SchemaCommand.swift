import ArgumentParser
import Foundation
import GraphQLEngine

/// `supportcarr schema ...`: the public schema.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Work with the gateway's GraphQL schema.",
        subcommands: [SchemaPrintCommand.self]
    )
}

/// `supportcarr schema print`: builds `Schema.graphql` with the engine and
/// prints it in the canonical SDL form (what introspection describes and
/// graphql-js's `printSchema` would print), for codegen and reviews.
struct SchemaPrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print the schema as SDL (built and checked, canonical order and form)."
    )

    @Option(help: "Schema file (default: $SUPPORTCARR_SCHEMA, else ./Schema.graphql).")
    var schema: String?

    func run() async throws {
        let (path, text) = try SchemaFile.load(path: schema, environment: ProcessInfo.processInfo.environment)
        let built: GraphQLSchema
        do {
            built = try buildSchema(sdl: text)
        } catch {
            throw ConfigurationProblem("\(path) does not build: \(error)")
        }
        print(printSchema(built))
    }
}
