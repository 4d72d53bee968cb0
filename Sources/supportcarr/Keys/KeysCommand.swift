import ArgumentParser

/// `supportcarr keys`: work on the field-encryption keys' data.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Field-encryption key maintenance.",
        subcommands: [KeysRotateCommand.self]
    )
}
