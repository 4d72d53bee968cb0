/// A subscription selects exactly one root field, and not an introspection
/// field. Fields are collected as execution would collect them (through
/// fragments, honouring `@skip`/`@include` with literal conditions), so
/// `subscription { a ...F }` counts `F`'s fields too.
/// https://spec.graphql.org/October2021/#sec-Single-root-field
final class SingleFieldSubscriptionsRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.operationDefinition, .fragmentDefinition]

    private let context: ValidationContext

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: OperationDefinition) -> VisitAction {
        guard node.operation == .subscription, let rootType = context.schema.subscriptionType else { return .skip }
        var collector = RootFieldCollector(context: context, rootType: .object(rootType))
        collector.collect(node.selectionSet)
        let subject = node.name.map { "Subscription \"\($0.value)\"" } ?? "Anonymous Subscription"
        if collector.order.count > 1 {
            let extra = collector.order.dropFirst().flatMap { collector.fields[$0] ?? [] }
            context.report("\(subject) must select only one top level field.", at: extra.map(\.loc))
        }
        for key in collector.order {
            guard let fields = collector.fields[key], let first = fields.first else { continue }
            if first.name.value.hasPrefix("__") {
                context.report(
                    "\(subject) must not select an introspection top level field.", at: fields.map(\.loc))
            }
        }
        return .skip
    }

    func enter(_ node: FragmentDefinition) -> VisitAction { .skip }
}

/// The fields of a root selection set grouped by response key, in first-seen
/// order, as https://spec.graphql.org/October2021/#CollectFields() groups
/// them with no variable values at hand.
private struct RootFieldCollector {
    let context: ValidationContext
    let rootType: GraphQLNamedType
    var order: [String] = []
    var fields: [String: [Field]] = [:]
    var visitedFragments = Set<String>()

    init(context: ValidationContext, rootType: GraphQLNamedType) {
        self.context = context
        self.rootType = rootType
    }

    /// Collects depth-first in document order, following fragments where
    /// they are spread. An explicit stack instead of recursion, so a long
    /// chain of fragments cannot exhaust the call stack.
    mutating func collect(_ selectionSet: SelectionSet) {
        var stack: [(selections: [Selection], next: Int)] = [(selectionSet.selections, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            guard stack[top].next < stack[top].selections.count else {
                stack.removeLast()
                continue
            }
            let selection = stack[top].selections[stack[top].next]
            stack[top].next += 1
            guard isIncluded(selection.directives) else { continue }
            switch selection {
            case .field(let field):
                let key = field.responseKey
                if fields[key] == nil { order.append(key) }
                fields[key, default: []].append(field)
            case .inlineFragment(let inline):
                if let condition = inline.typeCondition, !applies(condition) { continue }
                stack.append((inline.selectionSet.selections, 0))
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard visitedFragments.insert(name).inserted,
                    let fragment = context.fragment(named: name), applies(fragment.typeCondition)
                else { continue }
                stack.append((fragment.selectionSet.selections, 0))
            }
        }
    }

    /// Whether a fragment on `condition` applies to the root type.
    private func applies(_ condition: NamedType) -> Bool {
        guard let type = context.schema.type(named: condition.name.value) else { return false }
        if type == rootType { return true }
        return type.isAbstractType && context.schema.isSubType(type, rootType)
    }

    /// `@skip(if: true)` and `@include(if: false)` exclude a selection. A
    /// condition that is not a boolean literal (a variable, which has no
    /// value during validation) keeps it: graphql-js throws in that case.
    private func isIncluded(_ directives: [Directive]) -> Bool {
        for directive in directives {
            let name = directive.name.value
            guard name == "skip" || name == "include",
                let argument = directive.arguments.first(where: { $0.name.value == "if" }),
                case .boolean(let condition) = argument.value
            else { continue }
            if name == "skip" && condition.value { return false }
            if name == "include" && !condition.value { return false }
        }
        return true
    }
}
