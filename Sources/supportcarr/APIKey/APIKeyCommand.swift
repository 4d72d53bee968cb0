import ArgumentParser

/// `supportcarr apikey`: create, list and revoke API keys.
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey",
        abstract: "Create, list and revoke API keys.",
        discussion: """
            Keys are stored only as a keyed hash (HMAC-SHA-256 under SUPPORTCARR_API_KEY_PEPPER); \
            `create` prints the key once and it cannot be shown again. With SUPPORTCARR_ENV unset, \
            these commands run as development and use the published development pepper when \
            SUPPORTCARR_API_KEY_PEPPER is not set.
            """,
        subcommands: [APIKeyCreateCommand.self, APIKeyListCommand.self, APIKeyRevokeCommand.self]
    )
}
