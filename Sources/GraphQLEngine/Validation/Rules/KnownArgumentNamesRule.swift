/// Every argument given to a field or directive is defined by it.
/// https://spec.graphql.org/October2021/#sec-Argument-Names
///
/// Unknown names get "Did you mean ...?" hints among the defined ones.
/// Arguments of unknown fields and directives are left to the rules that
/// report those.
public final class KnownArgumentNamesRule: ValidationRule {
    public static let visitedKinds: ASTNodeKinds = [.directive, .argument]

    let context: ValidationContext
    private var directiveArguments: [String: [String]] = [:]

    public init(context: ValidationContext) {
        self.context = context
        directiveArguments = context.schema.directiveTables.argumentNames
        for case .directive(let definition) in context.document.definitions {
            directiveArguments[definition.name.value] = definition.arguments.map(\.name.value)
        }
    }

    public func enter(_ node: Directive) -> VisitAction {
        let name = node.name.value
        if let known = directiveArguments[name] {
            for argument in node.arguments where !known.contains(argument.name.value) {
                let argumentName = argument.name.value
                let hint = context.didYouMeanHint(context.suggestions(for: argumentName, among: known))
                context.report(
                    "Unknown argument \"\(argumentName)\" on directive \"@\(name)\"." + hint, at: [argument.loc])
            }
        }
        // A directive's arguments are checked here; `enter(_: Argument)` is for fields.
        return .skip
    }

    public func enter(_ node: Argument) -> VisitAction {
        guard context.argument == nil, let field = context.fieldDefinition, let parentType = context.parentType else {
            return .continue
        }
        let name = node.name.value
        let hint = context.didYouMeanHint(context.suggestions(for: name, among: field.arguments.map(\.name)))
        context.report(
            "Unknown argument \"\(name)\" on field \"\(parentType.name).\(field.name)\"." + hint, at: [node.loc])
        return .continue
    }
}
