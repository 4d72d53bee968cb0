import Testing

@testable import GraphQLEngine

@Suite struct VariableNameSetTests {
    @Test func aFewNamesAreFoundAndOthersAreNot() {
        let names = VariableNameSet(["id", "first", "after"])
        #expect(names.contains("id") && names.contains("after"))
        #expect(!names.contains("last") && !names.contains(""))
    }

    @Test func namesPastTheScanLimitAreAllFound() {
        let all = (0..<(VariableNameSet.smallLimit * 4)).map { "v\($0)" }
        let names = VariableNameSet(all)
        #expect(all.allSatisfy { names.contains($0) })
        #expect(!names.contains("v\(all.count)"))
    }
}
