import Foundation
import Testing

@testable import Security

/// The README's "Permissions" tables say what the code does: the catalogue
/// (names and summaries, in order) and what each role may hold.
struct ReadmePermissionTablesTests {
    static func readme() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The table rows (cells without the outer pipes) after `heading`, up to the next blank line.
    static func rows(after heading: String, in text: String) throws -> [[String]] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: heading), "README has \(heading)")
        var rows: [[String]] = []
        var index = start + 1
        while index < lines.count, lines[index].isEmpty { index += 1 }
        while index < lines.count, lines[index].hasPrefix("|") {
            let cells = lines[index].split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            rows.append(cells.map { $0.trimmingCharacters(in: .whitespaces) })
            index += 1
        }
        return Array(rows.dropFirst(2))  // header and separator
    }

    @Test func theCatalogueTableListsEveryPermissionInOrderWithItsSummary() throws {
        let rows = try Self.rows(after: "### Catalogue", in: try Self.readme())
        #expect(rows.map { $0[0] } == Permission.all.map { "`\($0.name)`" })
        #expect(rows.map { $0[1] } == Permission.all.map(\.summary))
    }

    @Test func theRoleTableMatchesEachRolesMaximalPermissions() throws {
        let rows = try Self.rows(after: "### What each role may hold", in: try Self.readme())
        #expect(rows.count == Permission.all.count)
        let roles: [Role] = [.rider, .driver, .support, .admin, .partner]
        for row in rows {
            let permission = try #require(
                Permission(name: row[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))))
            for (offset, role) in roles.enumerated() {
                #expect(
                    (row[offset + 1] == "✓") == role.maximalPermissions.contains(permission), "\(permission) \(role)")
            }
        }
    }
}
