import ArgumentParser

/// The `supportcarr` command: every operator task of the gateway in one binary.
@main
struct SupportCarr: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supportcarr",
        abstract: "SupportCarr Gateway: GraphQL over the SupportCarr MongoDB database.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, SeedCommand.self, APIKeyCommand.self, KeysCommand.self,
            SchemaCommand.self, PayoutsCommand.self, GDPRCommand.self,
        ]
    )
}
