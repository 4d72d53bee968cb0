/// An input object value gives each field at most once.
/// https://spec.graphql.org/October2021/#sec-Input-Object-Field-Uniqueness
public final class UniqueInputFieldNamesRule: ValidationRule {
    public static let visitedKinds: ASTNodeKinds = [.objectValue, .objectField]

    let context: ValidationContext
    /// For each enclosing object value, where each field name was first given.
    private var knownNames: [[String: Location]] = []

    public init(context: ValidationContext) {
        self.context = context
    }

    public func enter(_ node: ObjectValue) -> VisitAction {
        knownNames.append([:])
        return .continue
    }

    public func leave(_ node: ObjectValue) {
        knownNames.removeLast()
    }

    public func enter(_ node: ObjectField) -> VisitAction {
        guard !knownNames.isEmpty else { return .continue }
        let name = node.name.value
        if let first = knownNames[knownNames.count - 1][name] {
            context.report("There can be only one input field named \"\(name)\".", at: [first, node.name.loc])
        } else {
            knownNames[knownNames.count - 1][name] = node.name.loc
        }
        return .continue
    }
}
