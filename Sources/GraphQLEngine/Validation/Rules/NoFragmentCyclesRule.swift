/// Fragments must not spread themselves, directly or through other
/// fragments: such a cycle would expand forever. Each cycle is reported once,
/// at the spreads that form it, naming the fragments it passes through.
/// https://spec.graphql.org/October2021/#sec-Fragment-spreads-must-not-form-cycles
///
/// The search is depth-first over each fragment's spreads, visiting every
/// fragment once, so the work is linear in the number of spreads (a deep
/// chain of fragments is followed with an explicit stack, not recursion).
final class NoFragmentCyclesRule: ValidationRule {
    static let visitedKinds: ASTNodeKinds = [.operationDefinition, .fragmentDefinition]

    private let context: ValidationContext
    /// Fragments whose spreads have been searched (or are being searched).
    private var visited = Set<String>()

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: OperationDefinition) -> VisitAction { .skip }

    func enter(_ node: FragmentDefinition) -> VisitAction {
        detectCycles(from: node)
        return .skip
    }

    /// One fragment being searched: its spreads and how far we got.
    private struct Frame {
        var name: String
        var spreads: [FragmentSpread]
        var next = 0
    }

    private func detectCycles(from start: FragmentDefinition) {
        guard visited.insert(start.name.value).inserted else { return }
        // The spreads followed from `start` to the fragment being searched.
        var spreadPath: [FragmentSpread] = []
        // Where each fragment on the current path starts in `spreadPath`.
        var pathIndexByName: [String: Int] = [:]
        var stack: [Frame] = []

        func begin(_ fragment: FragmentDefinition) {
            let spreads = context.fragmentSpreads(in: fragment.selectionSet)
            guard !spreads.isEmpty else { return }
            pathIndexByName[fragment.name.value] = spreadPath.count
            stack.append(Frame(name: fragment.name.value, spreads: spreads))
        }

        begin(start)
        while !stack.isEmpty {
            let top = stack.count - 1
            guard stack[top].next < stack[top].spreads.count else {
                pathIndexByName[stack[top].name] = nil
                stack.removeLast()
                // The spread that led to this fragment is done with.
                if !stack.isEmpty { spreadPath.removeLast() }
                continue
            }
            let spread = stack[top].spreads[stack[top].next]
            stack[top].next += 1
            let spreadName = spread.name.value
            spreadPath.append(spread)
            if let cycleStart = pathIndexByName[spreadName] {
                let cycle = Array(spreadPath[cycleStart...])
                let via = cycle.dropLast().map { "\"\($0.name.value)\"" }.joined(separator: ", ")
                context.report(
                    "Cannot spread fragment \"\(spreadName)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
                    at: cycle.map(\.loc))
                spreadPath.removeLast()
                continue
            }
            let depth = stack.count
            if visited.insert(spreadName).inserted, let fragment = context.fragment(named: spreadName) {
                begin(fragment)
            }
            // No frame was pushed (already searched, unknown or without
            // spreads): this spread is done with.
            if stack.count == depth { spreadPath.removeLast() }
        }
    }
}
