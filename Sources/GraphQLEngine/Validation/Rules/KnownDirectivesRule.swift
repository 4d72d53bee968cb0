/// Directives are defined, and used only where their definition allows.
/// https://spec.graphql.org/October2021/#sec-Directives-Are-Defined
/// https://spec.graphql.org/October2021/#sec-Directives-Are-In-Valid-Locations
///
/// Directives defined in the document itself count as known, as in graphql-js.
public final class KnownDirectivesRule: ValidationRule {
    public static let visitedKinds: ASTNodeKinds = [.operationDefinition, .directive]

    let context: ValidationContext
    private var locationsByName: [String: [String]] = [:]
    /// The kind of the operation being walked: `ancestors` holds node kinds
    /// only, and an operation's directives are placed by its kind.
    private var operationLocation: DirectiveLocation = .query

    public init(context: ValidationContext) {
        self.context = context
        locationsByName = context.schema.directiveTables.locations
        for case .directive(let definition) in context.document.definitions {
            locationsByName[definition.name.value] = definition.locations.map(\.value)
        }
    }

    public func enter(_ node: OperationDefinition) -> VisitAction {
        switch node.operation {
        case .query: operationLocation = .query
        case .mutation: operationLocation = .mutation
        case .subscription: operationLocation = .subscription
        }
        return .continue
    }

    public func enter(_ node: Directive) -> VisitAction {
        let name = node.name.value
        guard let locations = locationsByName[name] else {
            context.report("Unknown directive \"@\(name)\".", at: [node.loc])
            return .continue
        }
        if let location = location(ancestors: context.ancestors), !locations.contains(location.rawValue) {
            context.report("Directive \"@\(name)\" may not be used on \(location.rawValue).", at: [node.loc])
        }
        return .continue
    }

    /// Where a directive stands, from the kinds of the nodes enclosing it
    /// (the last one is the node it is applied to).
    private func location(ancestors: [ASTNodeKind]) -> DirectiveLocation? {
        guard let owner = ancestors.last else { return nil }
        switch owner {
        case .operationDefinition: return operationLocation
        case .field: return .field
        case .fragmentSpread: return .fragmentSpread
        case .inlineFragment: return .inlineFragment
        case .fragmentDefinition: return .fragmentDefinition
        case .variableDefinition: return .variableDefinition
        case .schemaDefinition, .schemaExtension: return .schema
        case .scalarTypeDefinition, .scalarTypeExtension: return .scalar
        case .objectTypeDefinition, .objectTypeExtension: return .object
        case .fieldDefinition: return .fieldDefinition
        case .interfaceTypeDefinition, .interfaceTypeExtension: return .interface
        case .unionTypeDefinition, .unionTypeExtension: return .union
        case .enumTypeDefinition, .enumTypeExtension: return .enumType
        case .enumValueDefinition: return .enumValue
        case .inputObjectTypeDefinition, .inputObjectTypeExtension: return .inputObject
        case .inputValueDefinition:
            // As graphql-js: a field only when it sits directly in an input
            // object type definition (an extension's fields count as arguments).
            let container = ancestors.count >= 2 ? ancestors[ancestors.count - 2] : nil
            return container == .inputObjectTypeDefinition ? .inputFieldDefinition : .argumentDefinition
        default:
            return nil
        }
    }
}
