import Foundation

/// Reads a file's bytes (tests only).
enum TestFiles {
    struct Missing: Error {}

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Missing() }
        return Array(data)
    }
}
