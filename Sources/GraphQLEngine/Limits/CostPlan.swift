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
        return evaluation.cost(of: operation.set, handed: nil)
    }

    private struct MemoKey: Hashable {
        let fragment: Int
        let handed: Int?
    }

    private struct Evaluation {
        let plan: CostPlan
        let variables: [String: JSONValue]
        let defaults: [String: Int]
        var memo: [MemoKey: Int] = [:]
        var inProgress: Set<Int> = []

        mutating func cost(of set: SetTerm, handed: Int?) -> Int {
            var total = 0
            for field in set.fields {
                guard let children = field.children else {
                    total = saturatingAdd(total, 1)
                    continue
                }
                let (multiplier, down) = resolve(field.size, handed: handed)
                let below = cost(of: children, handed: down)
                total = saturatingAdd(total, saturatingAdd(1, saturatingMultiply(multiplier, below)))
            }
            for fragment in set.spreads {
                total = saturatingAdd(total, cost(ofFragment: fragment, handed: handed))
            }
            return total
        }

        /// Cycle-safe: a fragment already being costed counts 0 (validation
        /// rejects such documents anyway).
        mutating func cost(ofFragment index: Int, handed: Int?) -> Int {
            let key = MemoKey(fragment: index, handed: handed)
            if let known = memo[key] { return known }
            guard index < plan.fragments.count, !inProgress.contains(index) else { return 0 }
            inProgress.insert(index)
            let result = cost(of: plan.fragments[index], handed: handed)
            inProgress.remove(index)
            memo[key] = result
            return result
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
