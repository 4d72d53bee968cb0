import Testing

@testable import GraphQLEngine

/// Records every call it gets, optionally skipping or stopping at given fields.
final class RecordingVisitor: ASTVisitor {
    var log: [String] = []
    var skipField: String?
    var breakAtField: String?
    let label: String
    weak var walker: ASTWalker?

    init(_ label: String = "") { self.label = label }

    func enter(_ node: OperationDefinition) -> VisitAction {
        log.append("\(label)enter op")
        return .continue
    }
    func leave(_ node: OperationDefinition) { log.append("\(label)leave op") }
    func enter(_ node: SelectionSet) -> VisitAction {
        log.append("\(label)enter set")
        return .continue
    }
    func leave(_ node: SelectionSet) { log.append("\(label)leave set") }
    func enter(_ node: Field) -> VisitAction {
        log.append("\(label)enter \(node.name.value)")
        if node.name.value == breakAtField { return .break }
        return node.name.value == skipField ? .skip : .continue
    }
    func leave(_ node: Field) { log.append("\(label)leave \(node.name.value)") }
    func enter(_ node: Argument) -> VisitAction {
        log.append("\(label)enter arg \(node.name.value)")
        return .continue
    }
    func enter(_ node: IntValue) -> VisitAction {
        log.append("\(label)enter int \(node.value)")
        return .continue
    }
    func enter(_ node: Directive) -> VisitAction {
        let parent = walker?.parentKind.map { "\($0)" } ?? "?"
        log.append("\(label)enter @\(node.name.value) in \(parent)")
        return .continue
    }
}

@Suite struct ASTWalkerTests {
    let document: Document

    init() throws {
        document = try Parser.parse("{ a(x: 1) @d { b } c }")
    }

    @Test func nodesAreEnteredAndLeftDepthFirstInSourceOrder() {
        let visitor = RecordingVisitor()
        let walker = ASTWalker(visitors: [visitor])
        visitor.walker = walker
        walker.walk(document)
        #expect(
            visitor.log == [
                "enter op", "enter set", "enter a", "enter arg x", "enter int 1", "enter @d in field",
                "enter set",
                "enter b", "leave b", "leave set", "leave a", "enter c", "leave c", "leave set", "leave op",
            ])
        #expect(walker.ancestors.isEmpty)
    }

    @Test func skippingASubtreeAffectsOnlyTheVisitorThatSkipped() {
        let skipping = RecordingVisitor("1:")
        skipping.skipField = "a"
        let other = RecordingVisitor("2:")
        ASTWalker(visitors: [skipping, other]).walk(document)
        #expect(
            skipping.log == [
                "1:enter op", "1:enter set", "1:enter a", "1:enter c", "1:leave c", "1:leave set",
                "1:leave op",
            ])
        #expect(other.log.contains("2:enter b"))
        #expect(other.log.contains("2:leave a"))
    }

    @Test func breakingStopsAVisitorForTheRestOfTheWalk() {
        let stopping = RecordingVisitor()
        stopping.breakAtField = "a"
        ASTWalker(visitors: [stopping]).walk(document)
        #expect(stopping.log == ["enter op", "enter set", "enter a"])
    }

    @Test func theHelperSeesEachNodeBeforeTheVisitorsOnEnterAndAfterThemOnLeave() throws {
        final class SharedLog {
            var entries: [String] = []
        }
        final class Logging: ASTVisitor {
            let name: String
            let shared: SharedLog
            init(_ name: String, _ shared: SharedLog) {
                self.name = name
                self.shared = shared
            }
            func enter(_ node: Field) -> VisitAction {
                shared.entries.append("\(name) enter \(node.name.value)")
                return .continue
            }
            func leave(_ node: Field) { shared.entries.append("\(name) leave \(node.name.value)") }
        }
        let shared = SharedLog()
        let walker = ASTWalker(
            visitors: [Logging("rule1", shared), Logging("rule2", shared)],
            helper: Logging("typeInfo", shared))
        walker.walk(try Parser.parse("{ c }"))
        #expect(
            shared.entries == [
                "typeInfo enter c", "rule1 enter c", "rule2 enter c", "rule1 leave c", "rule2 leave c",
                "typeInfo leave c",
            ])
    }

    @Test func ancestorsNameTheEnclosingNodeKinds() throws {
        final class DirectiveParents: ASTVisitor {
            var parents: [[ASTNodeKind]] = []
            weak var walker: ASTWalker?
            func enter(_ node: Directive) -> VisitAction {
                parents.append(walker?.ancestors ?? [])
                return .continue
            }
        }
        let visitor = DirectiveParents()
        let walker = ASTWalker(visitors: [visitor])
        visitor.walker = walker
        walker.walk(
            try Parser.parse("query Q($v: Int @a) @b { ... on T @c { f } } type T { f(x: Int @e): Int }"))
        #expect(
            visitor.parents == [
                [.document, .operationDefinition, .variableDefinition],
                [.document, .operationDefinition],
                [.document, .operationDefinition, .selectionSet, .inlineFragment],
                [.document, .objectTypeDefinition, .fieldDefinition, .inputValueDefinition],
            ])
    }

    @Test func everyNodeKindOfAKitchenSinkDocumentIsVisited() throws {
        final class KindCounter: ASTVisitor {
            weak var walker: ASTWalker?
            var seen: Set<String> = []
            func enter(_ node: Document) -> VisitAction {
                seen.insert("Document")
                return .continue
            }
            func enter(_ node: VariableDefinition) -> VisitAction {
                seen.insert("VariableDefinition")
                return .continue
            }
            func enter(_ node: FragmentSpread) -> VisitAction {
                seen.insert("FragmentSpread")
                return .continue
            }
            func enter(_ node: InlineFragment) -> VisitAction {
                seen.insert("InlineFragment")
                return .continue
            }
            func enter(_ node: FragmentDefinition) -> VisitAction {
                seen.insert("FragmentDefinition")
                return .continue
            }
            func enter(_ node: Variable) -> VisitAction {
                seen.insert("Variable")
                return .continue
            }
            func enter(_ node: FloatValue) -> VisitAction {
                seen.insert("FloatValue")
                return .continue
            }
            func enter(_ node: StringValue) -> VisitAction {
                seen.insert("StringValue")
                return .continue
            }
            func enter(_ node: BooleanValue) -> VisitAction {
                seen.insert("BooleanValue")
                return .continue
            }
            func enter(_ node: NullValue) -> VisitAction {
                seen.insert("NullValue")
                return .continue
            }
            func enter(_ node: EnumValue) -> VisitAction {
                seen.insert("EnumValue")
                return .continue
            }
            func enter(_ node: ListValue) -> VisitAction {
                seen.insert("ListValue")
                return .continue
            }
            func enter(_ node: ObjectField) -> VisitAction {
                seen.insert("ObjectField")
                return .continue
            }
            func enter(_ node: NamedType) -> VisitAction {
                seen.insert("NamedType")
                return .continue
            }
            func enter(_ node: ListType) -> VisitAction {
                seen.insert("ListType")
                return .continue
            }
            func enter(_ node: NonNullType) -> VisitAction {
                seen.insert("NonNullType")
                return .continue
            }
            func enter(_ node: SchemaDefinition) -> VisitAction {
                seen.insert("SchemaDefinition")
                return .continue
            }
            func enter(_ node: OperationTypeDefinition) -> VisitAction {
                seen.insert("OperationTypeDefinition")
                return .continue
            }
            func enter(_ node: ScalarTypeDefinition) -> VisitAction {
                seen.insert("ScalarTypeDefinition")
                return .continue
            }
            func enter(_ node: InterfaceTypeDefinition) -> VisitAction {
                seen.insert("InterfaceTypeDefinition")
                return .continue
            }
            func enter(_ node: UnionTypeDefinition) -> VisitAction {
                seen.insert("UnionTypeDefinition")
                return .continue
            }
            func enter(_ node: EnumTypeDefinition) -> VisitAction {
                seen.insert("EnumTypeDefinition")
                return .continue
            }
            func enter(_ node: EnumValueDefinition) -> VisitAction {
                seen.insert("EnumValueDefinition")
                return .continue
            }
            func enter(_ node: InputObjectTypeDefinition) -> VisitAction {
                seen.insert("InputObjectTypeDefinition")
                return .continue
            }
            func enter(_ node: DirectiveDefinition) -> VisitAction {
                seen.insert("DirectiveDefinition")
                return .continue
            }
            func enter(_ node: SchemaExtension) -> VisitAction {
                seen.insert("SchemaExtension")
                return .continue
            }
            func enter(_ node: ScalarTypeExtension) -> VisitAction {
                seen.insert("ScalarTypeExtension")
                return .continue
            }
            func enter(_ node: ObjectTypeExtension) -> VisitAction {
                seen.insert("ObjectTypeExtension")
                return .continue
            }
            func enter(_ node: InterfaceTypeExtension) -> VisitAction {
                seen.insert("InterfaceTypeExtension")
                return .continue
            }
            func enter(_ node: UnionTypeExtension) -> VisitAction {
                seen.insert("UnionTypeExtension")
                return .continue
            }
            func enter(_ node: EnumTypeExtension) -> VisitAction {
                seen.insert("EnumTypeExtension")
                return .continue
            }
            func enter(_ node: InputObjectTypeExtension) -> VisitAction {
                seen.insert("InputObjectTypeExtension")
                return .continue
            }
        }
        let text = """
            query Q($a: [Int!] = [1.5, "s", true, null, E, {k: 1}]) { f(x: $a) { ...F ... on T { g } } }
            fragment F on T { h }
            schema { query: Q } "d" scalar S interface I { f: Int } union U = A enum E { A }
            input In { a: Int } directive @d on FIELD
            extend schema @d extend scalar S @d extend type T @d extend interface I @d
            extend union U @d extend enum E @d extend input In @d
            """
        let counter = KindCounter()
        ASTWalker(visitors: [counter]).walk(try Parser.parse(text))
        #expect(counter.seen.count == 32)
    }

    @Test func theWalkerNamesTheLocationOfEachDirective() throws {
        final class Locations: ASTVisitor {
            weak var walker: ASTWalker?
            var found: [String] = []
            func enter(_ node: Directive) -> VisitAction {
                found.append("\(node.name.value) \(walker?.directiveLocation?.rawValue ?? "none")")
                return .continue
            }
        }
        let text = """
            query Q($v: Int @v) @q { f @f ...S @s ... @i { g } }
            mutation @m { f }
            subscription @sub { f }
            fragment S on T @fd { f }
            schema @sc { query: Q }
            scalar X @x
            type O @o { f(a: Int @a): Int @fdef }
            interface I @int { f: Int }
            union U @u = O
            enum E @e { A @ev }
            input In @in { a: Int @if }
            directive @d(a: Int @da) on FIELD
            extend input In @ine
            extend type O { g(b: Int @ea): Int }
            """
        let visitor = Locations()
        let walker = ASTWalker(visitors: [visitor])
        visitor.walker = walker
        walker.walk(try Parser.parse(text))
        #expect(
            visitor.found == [
                "v VARIABLE_DEFINITION", "q QUERY", "f FIELD", "s FRAGMENT_SPREAD", "i INLINE_FRAGMENT",
                "m MUTATION",
                "sub SUBSCRIPTION", "fd FRAGMENT_DEFINITION", "sc SCHEMA", "x SCALAR", "o OBJECT",
                "a ARGUMENT_DEFINITION", "fdef FIELD_DEFINITION", "int INTERFACE", "u UNION", "e ENUM",
                "ev ENUM_VALUE", "in INPUT_OBJECT", "if INPUT_FIELD_DEFINITION", "da ARGUMENT_DEFINITION",
                "ine INPUT_OBJECT", "ea ARGUMENT_DEFINITION",
            ])
    }

    @Test func aDocumentListsItsOperationsAndFragments() throws {
        let document = try Parser.parse(
            "query A { a } fragment F on T { b } type X { c: Int } { d } fragment G on T { e }")
        #expect(document.operations.map { $0.name?.value ?? "-" } == ["A", "-"])
        #expect(document.fragments.map(\.name.value) == ["F", "G"])
    }
}
