/// A directive that is not repeatable is used at most once per location.
/// https://spec.graphql.org/October2021/#sec-Directives-Are-Unique-Per-Location
///
/// A type's definition and its extensions count as one location, as do the
/// schema definition and its extensions (as in graphql-js).
public final class UniqueDirectivesPerLocationRule: ValidationRule {
    /// Every node that can carry directives.
    public static let visitedKinds: ASTNodeKinds = [
        .operationDefinition, .variableDefinition, .field, .fragmentSpread, .inlineFragment, .fragmentDefinition,
        .schemaDefinition, .schemaExtension, .scalarTypeDefinition, .objectTypeDefinition, .interfaceTypeDefinition,
        .unionTypeDefinition, .enumTypeDefinition, .inputObjectTypeDefinition, .scalarTypeExtension,
        .objectTypeExtension, .interfaceTypeExtension, .unionTypeExtension, .enumTypeExtension,
        .inputObjectTypeExtension, .fieldDefinition, .inputValueDefinition, .enumValueDefinition,
    ]

    let context: ValidationContext
    /// Whether each known directive must be unique (not repeatable).
    private var isUnique: [String: Bool] = [:]
    private var schemaDirectives: [String: Location] = [:]
    private var typeDirectives: [String: [String: Location]] = [:]

    public init(context: ValidationContext) {
        self.context = context
        isUnique = context.schema.directiveTables.isUnique
        for case .directive(let definition) in context.document.definitions {
            isUnique[definition.name.value] = !definition.repeatable
        }
    }

    /// Reports repeats among `directives`, given those already seen at the location.
    private func check(_ directives: [Directive], seen: inout [String: Location]) {
        for directive in directives {
            let name = directive.name.value
            guard isUnique[name] == true else { continue }
            if let first = seen[name] {
                context.report(
                    "The directive \"@\(name)\" can only be used once at this location.", at: [first, directive.loc])
            } else {
                seen[name] = directive.loc
            }
        }
    }

    private func check(_ directives: [Directive]) {
        var seen: [String: Location] = [:]
        check(directives, seen: &seen)
    }

    private func check(_ directives: [Directive], typeName: String) {
        var seen = typeDirectives[typeName] ?? [:]
        check(directives, seen: &seen)
        typeDirectives[typeName] = seen
    }

    public func enter(_ node: OperationDefinition) -> VisitAction {
        check(node.directives)
        return .continue
    }

    public func enter(_ node: VariableDefinition) -> VisitAction {
        check(node.directives)
        return .continue
    }

    public func enter(_ node: Field) -> VisitAction {
        check(node.directives)
        return .continue
    }

    public func enter(_ node: FragmentSpread) -> VisitAction {
        check(node.directives)
        return .continue
    }

    public func enter(_ node: InlineFragment) -> VisitAction {
        check(node.directives)
        return .continue
    }

    public func enter(_ node: FragmentDefinition) -> VisitAction {
        check(node.directives)
        return .continue
    }

    public func enter(_ node: SchemaDefinition) -> VisitAction {
        check(node.directives, seen: &schemaDirectives)
        return .continue
    }

    public func enter(_ node: SchemaExtension) -> VisitAction {
        check(node.directives, seen: &schemaDirectives)
        return .continue
    }

    public func enter(_ node: ScalarTypeDefinition) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: ObjectTypeDefinition) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: InterfaceTypeDefinition) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: UnionTypeDefinition) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: EnumTypeDefinition) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: InputObjectTypeDefinition) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: ScalarTypeExtension) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: ObjectTypeExtension) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: InterfaceTypeExtension) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: UnionTypeExtension) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: EnumTypeExtension) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: InputObjectTypeExtension) -> VisitAction {
        check(node.directives, typeName: node.name.value)
        return .continue
    }

    public func enter(_ node: FieldDefinition) -> VisitAction {
        check(node.directives)
        return .continue
    }

    public func enter(_ node: InputValueDefinition) -> VisitAction {
        check(node.directives)
        return .continue
    }

    public func enter(_ node: EnumValueDefinition) -> VisitAction {
        check(node.directives)
        return .continue
    }
}
