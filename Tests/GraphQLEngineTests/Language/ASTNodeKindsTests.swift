import Foundation
import Testing

@testable import GraphQLEngine

/// `ASTVisitor.visitedKinds`: the walker calls a visitor only for the kinds it
/// declares, so a declaration that misses a method would silently switch that
/// method off. These tests hold the walker to the contract and the specified
/// rules to their declarations.
@Suite struct ASTNodeKindsTests {

    @Test func everyNodeKindFitsInTheSet() {
        #expect(ASTNodeKind.allCases.count <= 64)
        #expect(ASTNodeKinds.all.kinds == ASTNodeKind.allCases)
        let some: ASTNodeKinds = [.field, .selectionSet]
        #expect(some.contains(.field) && some.contains(.selectionSet))
        #expect(!some.contains(.document) && !some.contains(.argument))
        #expect(some.kinds == [.selectionSet, .field])
    }

    @Test func aVisitorIsCalledOnlyForTheKindsItDeclares() throws {
        final class FieldsOnly: ASTVisitor {
            static let visitedKinds: ASTNodeKinds = [.field]
            var log: [String] = []
            func enter(_ node: Field) -> VisitAction {
                log.append("enter \(node.name.value)")
                return node.name.value == "a" ? .skip : .continue
            }
            func leave(_ node: Field) { log.append("leave \(node.name.value)") }
            // Implemented but not declared: never called.
            func enter(_ node: SelectionSet) -> VisitAction {
                log.append("enter set")
                return .continue
            }
        }
        let filtered = FieldsOnly()
        let everything = RecordingVisitor()
        ASTWalker(visitors: [filtered, everything]).walk(try Parser.parse("{ a { b } c { d } }"))
        // `a` was skipped: its child `b` and its own leave are not seen; the
        // visitor resumes at `c`.
        #expect(filtered.log == ["enter a", "enter c", "enter d", "leave d", "leave c"])
        // The visitor without a declaration still sees every node.
        #expect(everything.log.contains("enter b") && everything.log.contains("enter set"))
    }

    @Test func aWalkWhereEveryVisitorSkipsStillResumesAfterTheSkippedNode() throws {
        final class SkipA: ASTVisitor {
            static let visitedKinds: ASTNodeKinds = [.field]
            var entered: [String] = []
            func enter(_ node: Field) -> VisitAction {
                entered.append(node.name.value)
                return node.name.value == "a" ? .skip : .continue
            }
        }
        let first = SkipA()
        let second = SkipA()
        ASTWalker(visitors: [first, second]).walk(try Parser.parse("{ a { b } c { d } }"))
        #expect(first.entered == ["a", "c", "d"])
        #expect(second.entered == ["a", "c", "d"])
    }

    /// Reads each specified rule's source and checks that its `visitedKinds`
    /// covers every `enter`/`leave` it implements.
    @Test func everySpecifiedRuleDeclaresTheKindsOfEveryMethodItImplements() throws {
        let rulesFolder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/GraphQLEngine/Validation/Rules")
        let kindsByName = Dictionary(uniqueKeysWithValues: ASTNodeKind.allCases.map { ("\($0)", $0) })
        let method = /func (enter|leave)\(_ node: ([A-Za-z]+)\)/
        #expect(specifiedRules.count == 26)
        for rule in specifiedRules {
            let file = rulesFolder.appendingPathComponent("\(rule.ruleName).swift")
            let source = try String(contentsOf: file, encoding: .utf8)
            var implemented: [ASTNodeKind] = []
            for match in source.matches(of: method) {
                let typeName = String(match.output.2)
                let kindName = typeName.prefix(1).lowercased() + typeName.dropFirst()
                let kind = try #require(kindsByName[kindName], "\(rule.ruleName): no node kind for \(typeName)")
                implemented.append(kind)
            }
            #expect(!implemented.isEmpty, "\(rule.ruleName) implements no visitor method")
            let missing = implemented.filter { !rule.visitedKinds.contains($0) }
            #expect(missing.isEmpty, "\(rule.ruleName) implements \(missing) but does not declare them")
            #expect(rule.visitedKinds != .all, "\(rule.ruleName) declares no kinds")
        }
    }
}
