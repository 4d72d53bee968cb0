import ArgumentParser

/// `supportcarr gdpr`: a data subject's requests (GDPR, CCPA).
struct GDPRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdpr",
        abstract: "Export or erase one user's personal data.",
        subcommands: [GDPRExportCommand.self, GDPREraseCommand.self]
    )
}
