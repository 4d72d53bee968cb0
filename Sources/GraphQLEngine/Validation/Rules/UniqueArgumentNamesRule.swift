/// A field or directive is given each argument at most once.
/// https://spec.graphql.org/October2021/#sec-Argument-Uniqueness
public final class UniqueArgumentNamesRule: ValidationRule {
    public static let visitedKinds: ASTNodeKinds = [.field, .directive]

    let context: ValidationContext

    public init(context: ValidationContext) {
        self.context = context
    }

    public func enter(_ node: Field) -> VisitAction {
        check(node.arguments)
        return .continue
    }

    public func enter(_ node: Directive) -> VisitAction {
        check(node.arguments)
        return .continue
    }

    /// One error per repeated name, in order of first use, at every use.
    private func check(_ arguments: [Argument]) {
        guard arguments.count > 1 else { return }
        var order: [String] = []
        var uses: [String: [Location]] = [:]
        for argument in arguments {
            let name = argument.name.value
            if uses[name] == nil { order.append(name) }
            uses[name, default: []].append(argument.name.loc)
        }
        for name in order {
            guard let locations = uses[name], locations.count > 1 else { continue }
            context.report("There can be only one argument named \"\(name)\".", at: locations)
        }
    }
}
