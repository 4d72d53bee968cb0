/// A document sent for execution holds only operations and fragments; each
/// type-system definition or extension in it is reported ("The "Rider"
/// definition is not executable.", "The schema definition is not executable.").
/// https://spec.graphql.org/October2021/#sec-Executable-Definitions
final class ExecutableDefinitionsRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.document]

    private let context: ValidationContext

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: Document) -> VisitAction {
        for definition in node.definitions where !definition.isExecutable {
            let name: String
            switch definition {
            case .schema, .schemaExtension: name = "schema"
            default: name = "\"\(definition.definedName ?? "")\""
            }
            context.report("The \(name) definition is not executable.", at: [definition.loc])
        }
        return .skip
    }
}

extension Definition {
    /// The name a definition or extension gives (without `@` for directives);
    /// nil for anonymous operations and schema definitions and extensions.
    var definedName: String? {
        switch self {
        case .operation(let node): node.name?.value
        case .fragment(let node): node.name.value
        case .schema, .schemaExtension: nil
        case .scalarType(let node): node.name.value
        case .objectType(let node): node.name.value
        case .interfaceType(let node): node.name.value
        case .unionType(let node): node.name.value
        case .enumType(let node): node.name.value
        case .inputObjectType(let node): node.name.value
        case .directive(let node): node.name.value
        case .scalarTypeExtension(let node): node.name.value
        case .objectTypeExtension(let node): node.name.value
        case .interfaceTypeExtension(let node): node.name.value
        case .unionTypeExtension(let node): node.name.value
        case .enumTypeExtension(let node): node.name.value
        case .inputObjectTypeExtension(let node): node.name.value
        }
    }
}
