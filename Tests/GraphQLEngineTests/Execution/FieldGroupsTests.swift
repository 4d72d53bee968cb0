import Testing

@testable import GraphQLEngine

/// `FieldGroups`: CollectFields' ordered map, scanned while small and indexed past that.
@Suite struct FieldGroupsTests {
    private func fields(_ query: String) throws -> [Field] {
        let document = try Parser.parse(query)
        guard case .operation(let operation)? = document.definitions.first else { return [] }
        return operation.selectionSet.selections.compactMap { selection in
            if case .field(let field) = selection { return field }
            return nil
        }
    }

    @Test func fieldsOfOneResponseKeyGroupTogetherInFirstSeenOrder() throws {
        var groups = FieldGroups(capacity: 0)
        for field in try fields("{ b a: x b { id } c a }") { groups.add(field) }
        #expect(groups.keys == ["b", "a", "c"])
        #expect(groups.nodes.map { $0.map(\.name.value) } == [["b", "b"], ["x", "a"], ["c"]])
    }

    @Test func groupingPastTheScanLimitKeepsOrderAndGroups() throws {
        let count = FieldGroups.linearLimit * 3
        let names = (0..<count).map { "f\($0)" }
        // Every name twice, the second round in reverse, so later keys hit the index.
        let query = "{ " + (names + names.reversed()).joined(separator: " ") + " }"
        var groups = FieldGroups(capacity: 4)
        for field in try fields(query) { groups.add(field) }
        #expect(groups.keys == names)
        #expect(groups.nodes.allSatisfy { $0.count == 2 })
        #expect(zip(groups.keys, groups.nodes).allSatisfy { key, nodes in nodes.allSatisfy { $0.name.value == key } })
    }
}
