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
        // A scan, not a set: the schema bounds the required arguments to a few,
        // and most fields have none (then nothing is built at all).
        for argument in field.arguments where argument.isRequired && !Self.isGiven(argument.name, in: node.arguments) {
            context.report(
                "Field \"\(field.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                at: [node.loc])
        }
    }

    private static func isGiven(_ name: String, in arguments: [Argument]) -> Bool {
        arguments.contains { $0.name.value == name }
    }

    public func leave(_ node: Directive) {
        let name = node.name.value
        guard let required = requiredDirectiveArguments[name], !required.isEmpty else { return }
        for argument in required where !Self.isGiven(argument.name, in: node.arguments) {
            context.report(
                "Directive \"@\(name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                at: [node.loc])
        }
    }
}
