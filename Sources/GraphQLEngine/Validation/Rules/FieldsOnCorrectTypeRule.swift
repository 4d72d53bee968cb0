/// Every selected field is defined on the type it is selected on (meta-fields
/// included). The error first suggests inline fragments on the possible types
/// that do have the field ("Did you mean to use an inline fragment on ...?"),
/// else field names close to the one written ("Did you mean ...?").
/// https://spec.graphql.org/October2021/#sec-Field-Selections
final class FieldsOnCorrectTypeRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.field]

    private let context: ValidationContext

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: Field) -> VisitAction {
        guard let parentType = context.parentType, context.fieldDefinition == nil else { return .continue }
        let name = node.name.value
        var hint = ""
        if context.suggestionsEnabled {
            hint = context.didYouMeanHint(
                typesDefining(name, among: parentType), subMessage: "to use an inline fragment on")
            if hint.isEmpty {
                let fieldNames = parentType.fields?.map(\.name) ?? []
                hint = context.didYouMeanHint(context.suggestions(for: name, among: fieldNames))
            }
        }
        context.report("Cannot query field \"\(name)\" on type \"\(parentType.name)\"." + hint, at: [node.loc])
        return .continue
    }

    /// For an abstract type: the object types that may stand for it and
    /// define the field, with their interfaces that define it too. Those
    /// reached by more of the possible types come first; an interface comes
    /// before the types implementing it; the rest in natural name order.
    private func typesDefining(_ fieldName: String, among abstractType: GraphQLNamedType) -> [String] {
        guard abstractType.isAbstractType else { return [] }
        let schema = context.schema
        var found: [GraphQLNamedType] = []
        var usageCount: [String: Int] = [:]
        for object in schema.possibleTypes(of: abstractType) where object.field(named: fieldName) != nil {
            if usageCount[object.name] == nil { found.append(.object(object)) }
            usageCount[object.name] = 1
            for interfaceName in object.interfaces {
                guard let interface = schema.type(named: interfaceName),
                    interface.field(named: fieldName) != nil
                else { continue }
                if usageCount[interfaceName] == nil { found.append(interface) }
                usageCount[interfaceName, default: 0] += 1
            }
        }
        return found.sorted { a, b in
            let countA = usageCount[a.name] ?? 0
            let countB = usageCount[b.name] ?? 0
            if countA != countB { return countA > countB }
            if case .interface = a, schema.isSubType(a, b) { return true }
            if case .interface = b, schema.isSubType(b, a) { return false }
            return naturalOrder(a.name, b.name)
        }.map(\.name)
    }
}
