/// Every type named in a variable definition or a type condition exists in
/// the schema (or, in a document that carries type definitions, is defined
/// there). The error suggests close type names.
/// https://spec.graphql.org/October2021/#sec-Fragment-Spread-Type-Existence
/// https://spec.graphql.org/October2021/#sec-Variables-Are-Input-Types
final class KnownTypeNamesRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.namedType]

    private let context: ValidationContext
    /// Types defined by the document itself (only in mixed documents).
    private let definedTypes: Set<String>

    /// Built-in scalars and introspection types: SDL may name them without
    /// defining them.
    private static let standardTypeNames: [String] =
        ["String", "Int", "Float", "Boolean", "ID"] + IntrospectionTypes.all.map(\.name)

    init(context: ValidationContext) {
        self.context = context
        var defined = Set<String>()
        for definition in context.document.definitions {
            switch definition {
            case .scalarType, .objectType, .interfaceType, .unionType, .enumType, .inputObjectType:
                if let name = definition.definedName { defined.insert(name) }
            default: break
            }
        }
        definedTypes = defined
    }

    func enter(_ node: NamedType) -> VisitAction {
        let name = node.name.value
        guard context.schema.type(named: name) == nil && !definedTypes.contains(name) else { return .continue }
        let ancestors = context.ancestors
        let inTypeSystem = ancestors.count > 1 && ancestors[1].isTypeSystemDefinitionOrExtension
        if inTypeSystem && Self.standardTypeNames.contains(name) { return .continue }
        var hint = ""
        if context.suggestionsEnabled {
            var candidates = context.schema.types.map(\.name)
            for definition in context.document.definitions {
                switch definition {
                case .scalarType, .objectType, .interfaceType, .unionType, .enumType, .inputObjectType:
                    if let name = definition.definedName { candidates.append(name) }
                default: break
                }
            }
            if inTypeSystem { candidates = Self.standardTypeNames + candidates }
            hint = context.didYouMeanHint(context.suggestions(for: name, among: candidates))
        }
        context.report("Unknown type \"\(name)\"." + hint, at: [node.loc])
        return .continue
    }
}

extension ASTNodeKind {
    /// Whether a top-level definition of this kind belongs to the type system.
    var isTypeSystemDefinitionOrExtension: Bool {
        switch self {
        case .schemaDefinition, .scalarTypeDefinition, .objectTypeDefinition, .interfaceTypeDefinition,
            .unionTypeDefinition, .enumTypeDefinition, .inputObjectTypeDefinition, .directiveDefinition,
            .schemaExtension, .scalarTypeExtension, .objectTypeExtension, .interfaceTypeExtension,
            .unionTypeExtension, .enumTypeExtension, .inputObjectTypeExtension:
            true
        default: false
        }
    }
}
