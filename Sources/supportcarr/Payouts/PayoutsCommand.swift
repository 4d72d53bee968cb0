import ArgumentParser

/// `supportcarr payouts`: the drivers' weekly payouts.
struct PayoutsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payouts",
        abstract: "Drivers' weekly payouts.",
        subcommands: [PayoutsRunCommand.self]
    )
}
