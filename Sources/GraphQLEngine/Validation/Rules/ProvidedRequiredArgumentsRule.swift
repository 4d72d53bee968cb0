/// Every required argument (non-null, without a default) of a field or
/// directive is given. https://spec.graphql.org/October2021/#sec-Required-Arguments
///
/// Checked when leaving the field or directive, so errors found inside it
/// come first (as in graphql-js).
public final class ProvidedRequiredArgumentsRule: ValidationRule {
    public static let visitedKinds: ASTNodeKinds = [.field, .directive]

    let context: ValidationContext
    /// For each known directive, its required arguments in order, with their types as written.
    private var requiredDirectiveArguments: [String: [(name: String, type: String)]] = [:]

    public init(context: ValidationContext) {
        self.context = context
        requiredDirectiveArguments = context.schema.directiveTables.requiredArguments
        for case .directive(let definition) in context.document.definitions {
            requiredDirectiveArguments[definition.name.value] = definition.arguments.compactMap { argument in
                guard case .nonNull = argument.type, argument.defaultValue == nil else { return nil }
                return (argument.name.value, Printer.print(argument.type))
            }
        }
    }

    public func leave(_ node: Field) {
        guard let field = context.fieldDefinition else { return }
        let given = Set(node.arguments.map(\.name.value))
        for argument in field.arguments where argument.isRequired && !given.contains(argument.name) {
            context.report(
                "Field \"\(field.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                at: [node.loc])
        }
    }

    public func leave(_ node: Directive) {
        let name = node.name.value
        guard let required = requiredDirectiveArguments[name], !required.isEmpty else { return }
        let given = Set(node.arguments.map(\.name.value))
        for argument in required where !given.contains(argument.name) {
            context.report(
                "Directive \"@\(name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                at: [node.loc])
        }
    }
}
