/// A document's cost estimate compiled for evaluation: the schema lookups
/// (which fields are lists, which arguments set a page size, the schema's
/// default page sizes) are done once, so evaluating a request's cost is
/// arithmetic over this tree plus a variable lookup per page-size variable.
/// How the estimate is defined: `QueryLimits`.
struct CostPlan: Sendable {
    /// How many items a field stands for.
    enum Size: Sendable, Hashable {
        /// Not a list and no page-size argument.
        case one
        /// A list without a page-size argument: the size handed down by a
        /// paginated parent (a connection), else `defaultListSize`.
        case list
        /// A page-size argument; when the field is not a list itself, the
        /// size is handed down to the list fields under it instead.
        case page(PageSize, handsDown: Bool)
    }

    /// A page-size argument's value, as the document gives it.
    enum PageSize: Sendable, Hashable {
        case literal(Int)
        /// A variable; `fallback` (the argument's schema default, else
        /// `defaultListSize`) when the request and the operation give none.
        case variable(String, fallback: Int)
    }

    struct FieldTerm: Sendable {
        var size: Size
        /// The sub-selection, nil for a leaf.
        var children: SetTerm?
        /// What resolving the field once costs by itself: 1, or its schema
        /// `@cost(weight:)` (a field that makes the database read many
        /// documents or count a collection).
        var weight: Int = 1
    }

    /// A selection set with its inline fragments flattened in; spreads are
    /// kept as indices into `fragments`, so a fragment is costed once per
    /// evaluation whatever the number of its spreads.
    struct SetTerm: Sendable {
        var fields: [FieldTerm] = []
        var spreads: [Int] = []
    }

    struct OperationTerm: Sendable {
        var name: String?
        var set: SetTerm
        /// Integer defaults of the operation's variables.
        var variableDefaults: [String: Int]
        var definition: OperationDefinition
    }

    var fragments: [SetTerm] = []
    var operations: [OperationTerm] = []
    let defaultListSize: Int

    // MARK: Evaluation

    /// The cost of one operation with a request's variables; `Int.max` when
    /// it does not fit in an `Int`.
    func cost(of operation: OperationTerm, variables: [String: JSONValue]) -> Int {
        var evaluation = Evaluation(plan: self, variables: variables, defaults: operation.variableDefaults)
        evaluation.costFragments(spreadIn: operation.set, handed: nil)
        return evaluation.cost(of: operation.set, handed: nil)
    }

    private struct MemoKey: Hashable {
        let fragment: Int
        let handed: Int?
    }

    /// Costs a set's fields by recursion over the set's own terms (as deep as
    /// the text they were compiled from, which the parser's nesting cap
    /// bounds) and its spreads from a memo, filled beforehand in an explicit
    /// depth-first order: a long chain of spreads costs no stack.
    private struct Evaluation {
        let plan: CostPlan
        let variables: [String: JSONValue]
        let defaults: [String: Int]
        var memo: [MemoKey: Int] = [:]

        /// The cost of a set whose spread fragments are costed already
        /// (`costFragments`).
        func cost(of set: SetTerm, handed: Int?) -> Int {
            var total = 0
            for field in set.fields {
                guard let children = field.children else {
                    total = saturatingAdd(total, field.weight)
                    continue
                }
                let (multiplier, down) = resolve(field.size, handed: handed)
                let below = cost(of: children, handed: down)
                total = saturatingAdd(total, saturatingAdd(field.weight, saturatingMultiply(multiplier, below)))
            }
            for fragment in set.spreads {
                total = saturatingAdd(total, memo[MemoKey(fragment: fragment, handed: handed)] ?? 0)
            }
            return total
        }

        /// The fragments a set spreads, through its fields' sub-selections
        /// (not through the fragments), each with the size handed to it.
        func spreads(in set: SetTerm, handed: Int?, into keys: inout [MemoKey]) {
            for field in set.fields {
                guard let children = field.children else { continue }
                spreads(in: children, handed: resolve(field.size, handed: handed).1, into: &keys)
            }
            for fragment in set.spreads where fragment < plan.fragments.count {
                keys.append(MemoKey(fragment: fragment, handed: handed))
            }
        }

        /// Costs every fragment a set reaches, each after the fragments it
        /// spreads. Cycle-safe: a fragment already being costed counts 0
        /// (validation rejects such documents anyway).
        mutating func costFragments(spreadIn set: SetTerm, handed: Int?) {
            struct Frame {
                let key: MemoKey
                let spreads: [MemoKey]
                var next = 0
            }
            func frame(_ key: MemoKey) -> Frame {
                var keys: [MemoKey] = []
                spreads(in: plan.fragments[key.fragment], handed: key.handed, into: &keys)
                return Frame(key: key, spreads: keys)
            }
            var roots: [MemoKey] = []
            spreads(in: set, handed: handed, into: &roots)
            var inProgress: Set<Int> = []
            for root in roots where memo[root] == nil {
                inProgress.insert(root.fragment)
                var stack = [frame(root)]
                while let top = stack.last {
                    if top.next < top.spreads.count {
                        stack[stack.count - 1].next += 1
                        let key = top.spreads[top.next]
                        guard memo[key] == nil, inProgress.insert(key.fragment).inserted else { continue }
                        stack.append(frame(key))
                        continue
                    }
                    stack.removeLast()
                    memo[top.key] = cost(of: plan.fragments[top.key.fragment], handed: top.key.handed)
                    inProgress.remove(top.key.fragment)
                }
            }
        }

        /// The field's multiplier and the size it hands to its children.
        func resolve(_ size: Size, handed: Int?) -> (Int, Int?) {
            switch size {
            case .one: return (1, nil)
            case .list: return (handed ?? plan.defaultListSize, nil)
            case .page(let page, let handsDown):
                let items = value(of: page)
                return handsDown ? (1, items) : (items, nil)
            }
        }

        func value(of page: PageSize) -> Int {
            switch page {
            case .literal(let items): return max(0, items)
            case .variable(let name, let fallback):
                // Whole-number floats too (`101.0`): `Int` input coercion accepts them.
                if let items = variables[name]?.integralValue { return max(0, items) }
                if let items = defaults[name] { return max(0, items) }
                return fallback
            }
        }
    }
}

func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
}

func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int.max : product
}
