import ArgumentParser
import Foundation
import MongoStore
import Security
import SupportCarrData

/// `supportcarr keys rotate`: re-encrypts every encrypted field under the newest
/// key of SUPPORTCARR_ENCRYPTION_KEYS (see `KeyRotator` for why it can be
/// interrupted and run again).
struct KeysRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Re-encrypt every encrypted field under the newest key.",
        discussion: """
            Put the new key first in SUPPORTCARR_ENCRYPTION_KEYS and keep the old ones after it \
            (and ENCRYPTION_KEY for values the Node services wrote), deploy, then run this. \
            Values are rewritten in batches, each a compare-and-set on the value read; an \
            interrupted run loses nothing and a second run finishes the rest. Values that \
            cannot be decrypted are listed and left as they are (exit status 1). Legacy values \
            (the Node services' format, bound to no place) are re-encrypted under the binding \
            of the place they are found in, and each is listed (collection, field, document \
            id) so that one copied from elsewhere can be spotted. A complete run is recorded in \
            the audit log (keys.rotate); once one leaves no legacy value, production gateways \
            refuse the legacy format from their next start unless SUPPORTCARR_LEGACY_CIPHERTEXTS \
            says otherwise. With SUPPORTCARR_ENV unset this runs as development (the published \
            development keys).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("batch-size"), help: "Documents per batch.") var batchSize = 500

    func validate() throws {
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1 to 10000") }
    }

    func run() async throws {
        let keyRing = try KeyRing.fromEnvironment(OperatorEnvironment.values)
        let (_, db) = try await database.connect()
        let rotator = KeyRotator(database: db, cipher: FieldCipher(keyRing: keyRing), batchSize: batchSize)
        print("keys rotate: newest key '\(keyRing.current.id)'\(keyRing.hasLegacyKey ? ", legacy key set" : "")")
        let bar = ProgressBar(total: try await rotator.documentCount(), label: "documents", enabled: true)
        let report: KeyRotator.Report
        do {
            report = try await rotator.rotate { progress in
                bar.update(
                    progress.scannedInRun,
                    detail:
                        "\(progress.collection.name) \(progress.scanned)/\(progress.total), \(progress.rotated) rotated"
                )
            }
        } catch let error as MongoError {
            bar.finish()
            throw ConfigurationProblem(
                "keys rotate stopped (batches written so far are kept; run it again): \(error.debugDescription)")
        }
        bar.finish()
        print(
            "keys rotate: \(report.scanned) documents, \(report.rotated) values rotated, \(report.current) already current, \(report.conflicts) changed meanwhile (left alone), \(report.failures.count) not decryptable"
        )
        for failure in report.failures.prefix(50) { print("  " + failure) }
        if report.failures.count > 50 { print("  ... and \(report.failures.count - 50) more") }
        // Every one, not a sample: a legacy value copied from another place is
        // valid there from now on, and this list is where an operator can find it.
        print(
            "keys rotate: \(report.rebound.count) legacy values re-bound to their place, \(report.legacyRemaining) left in the legacy format"
        )
        for place in report.rebound { print("  re-bound " + place) }
        if report.legacyRemaining == 0 {
            print(
                "keys rotate: no legacy value left; production gateways refuse the legacy format from their next start (\(LegacyCiphertexts.variable) overrides)"
            )
        }
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}
