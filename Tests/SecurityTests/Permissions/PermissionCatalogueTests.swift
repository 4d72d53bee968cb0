import Foundation
import Testing

@testable import Security

@Suite("Permission catalogue")
struct PermissionCatalogueTests {
    static let schemaText: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("Schema.graphql"), encoding: .utf8)) ?? ""
    }()

    @Test("the catalogue is the list in Schema.graphql's @requires description, in its order and words")
    func matchesSchemaDescription() throws {
        let lines = Self.schemaText.split(separator: "\n").filter { $0.hasPrefix("- `") && $0.contains(":") }
        let listed: [(String, String)] = lines.compactMap { line in
            let parts = line.dropFirst(3).split(separator: "`", maxSplits: 1)
            guard parts.count == 2, parts[1].hasPrefix(": ") else { return nil }
            let description = parts[1].dropFirst(2)
            return (String(parts[0]), description.prefix(1).uppercased() + description.dropFirst())
        }.filter { Permission(name: $0.0) != nil || $0.0.contains(":") && !$0.0.contains(" ") }
        #expect(listed.map(\.0) == Permission.all.map(\.name))
        #expect(listed.map(\.1) == Permission.all.map(\.summary))
    }

    @Test("every permission Schema.graphql requires is in the catalogue, and every catalogue entry is used")
    func schemaUsesCatalogue() throws {
        let text = Self.schemaText
        var used = Set<String>()
        var rest = text[...]
        while let range = rest.range(of: "@requires(permission: \"") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            used.insert(String(after[..<end]))
            rest = after[end...]
        }
        #expect(!used.isEmpty)
        #expect(used.allSatisfy { Permission(name: $0) != nil })
        #expect(used == Set(Permission.all.map(\.name)))
    }

    @Test("names outside the catalogue are not permissions; parsing keeps them apart")
    func unknownNames() {
        #expect(Permission(name: "rescues:delete") == nil)
        #expect(Permission(name: "RESCUES:READ") == nil)
        let (set, unknown) = PermissionSet.parsing(["pii:contact", "bogus", "rescues:read", "pii:contact"])
        #expect(set == [.piiContact, .rescuesRead])
        #expect(set.names == ["rescues:read", "pii:contact"])  // catalogue order
        #expect(unknown == ["bogus"])
    }
}
