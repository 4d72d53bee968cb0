/// Whether a part of a document mentions any variable at all
/// (https://spec.graphql.org/October2021/#sec-Language.Variables), by a
/// plain scan of its argument and directive values.
///
/// Finding a fragment's variable usages takes a walk with its own `TypeInfo`
/// (each usage carries the type expected where it appears). Most fragments
/// (all of those of the introspection query, for one) use no variable, and
/// for those this scan gives the same answer, no usages, for a fraction of
/// the cost.
enum VariableScan {
    static func containsVariables(_ fragment: FragmentDefinition) -> Bool {
        containsVariables(fragment.directives) || containsVariables(fragment.selectionSet)
    }

    static func containsVariables(_ selectionSet: SelectionSet) -> Bool {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                if field.arguments.contains(where: { containsVariables($0.value) }) { return true }
                if containsVariables(field.directives) { return true }
                if let nested = field.selectionSet, containsVariables(nested) { return true }
            case .fragmentSpread(let spread):
                if containsVariables(spread.directives) { return true }
            case .inlineFragment(let fragment):
                if containsVariables(fragment.directives) || containsVariables(fragment.selectionSet) { return true }
            }
        }
        return false
    }

    static func containsVariables(_ directives: [Directive]) -> Bool {
        directives.contains { directive in directive.arguments.contains { containsVariables($0.value) } }
    }

    static func containsVariables(_ value: Value) -> Bool {
        switch value {
        case .variable: return true
        case .list(let list): return list.values.contains(where: containsVariables)
        case .object(let object): return object.fields.contains { containsVariables($0.value) }
        case .int, .float, .string, .boolean, .null, .enumValue: return false
        }
    }
}
