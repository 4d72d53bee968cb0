// The nesting cap through fragment spreads
// (https://spec.graphql.org/October2021/#sec-Language.Fragments).

extension Parser {
    /// Refuses a document whose selection sets nest deeper than
    /// `ParseOptions.maxDepth` once fragment spreads are followed: the nesting
    /// the document would have with every spread written out as an inline
    /// fragment. `query { ...F0 } fragment F0 on Query { ...F1 } ...` nests
    /// one level per link of the chain, yet no level shows in the text, so the
    /// parser's own count cannot see it, and every stage that follows spreads
    /// (depth, cost, field merging, field collection) would otherwise go as
    /// deep as the chain is long.
    ///
    /// Run once the whole document is parsed, before anything walks it, so
    /// every stage after parsing can rely on the cap. Linear in the document:
    /// each definition's text is scanned once with an explicit stack, and each
    /// fragment's nesting is worked out once, in an explicit depth-first order
    /// (no recursion, so a chain of any length costs no stack here). A
    /// fragment that is already being measured counts as nothing, so cycles
    /// end (validation rejects them).
    ///
    /// Errors with `extensions.code` `MAX_NESTING_EXCEEDED`, located at the
    /// first spread of the first definition that goes too deep.
    static func checkFragmentNesting(_ document: Document, maxDepth: Int) throws(GraphQLError) {
        var nesting = FragmentNesting(document: document)
        guard nesting.hasFragments else { return }
        for definition in document.definitions {
            let selectionSet: SelectionSet
            switch definition {
            case .operation(let operation): selectionSet = operation.selectionSet
            case .fragment(let fragment): selectionSet = fragment.selectionSet
            default: continue
            }
            let scan = FragmentNesting.Scan(selectionSet)
            for spread in scan.spreads {
                let depth = spread.level + nesting.depth(ofFragment: spread.node.name.value)
                if depth > maxDepth {
                    throw nesting.error(at: spread.node, depth: depth, maxDepth: maxDepth)
                }
            }
        }
    }
}

/// How deeply each fragment's selection set nests, spreads followed.
struct FragmentNesting {
    /// The definitions of each fragment name (a name defined twice takes the
    /// deeper of its definitions: stages differ in which one they use).
    private var definitions: [String: [FragmentDefinition]] = [:]
    private var memo: [String: Int] = [:]
    private let source: Source

    init(document: Document) {
        source = document.source
        for case .fragment(let fragment) in document.definitions {
            definitions[fragment.name.value, default: []].append(fragment)
        }
    }

    var hasFragments: Bool { !definitions.isEmpty }

    /// The deepest nesting of any operation or fragment of the document,
    /// spreads followed (a fragment being measured counts as nothing, so a
    /// cycle adds one round at most).
    static func deepest(in document: Document) -> Int {
        var nesting = FragmentNesting(document: document)
        var deepest = 0
        for definition in document.definitions {
            let selectionSet: SelectionSet
            switch definition {
            case .operation(let operation): selectionSet = operation.selectionSet
            case .fragment(let fragment): selectionSet = fragment.selectionSet
            default: continue
            }
            let scan = Scan(selectionSet)
            deepest = max(deepest, scan.deepest)
            for spread in scan.spreads {
                deepest = max(deepest, spread.level + nesting.depth(ofFragment: spread.node.name.value))
            }
        }
        return deepest
    }

    /// The spreads of one selection set and what its text alone nests to.
    struct Scan {
        struct Spread {
            let node: FragmentSpread
            /// The nesting of the selection set holding the spread (the
            /// scanned set is level 1).
            let level: Int
        }
        private(set) var spreads: [Spread] = []
        private(set) var deepest = 0

        init(_ selectionSet: SelectionSet) {
            var pending: [(set: SelectionSet, level: Int)] = [(selectionSet, 1)]
            while let (set, level) = pending.popLast() {
                deepest = max(deepest, level)
                for selection in set.selections {
                    switch selection {
                    case .field(let field):
                        if let inner = field.selectionSet { pending.append((inner, level + 1)) }
                    case .inlineFragment(let inline):
                        pending.append((inline.selectionSet, level + 1))
                    case .fragmentSpread(let spread):
                        spreads.append(Spread(node: spread, level: level))
                    }
                }
            }
            // The stack takes sets out of document order; the error names the first spread.
            spreads.sort { $0.node.loc.start < $1.node.loc.start }
        }
    }

    /// The nesting of a fragment's selection set with its spreads followed
    /// (1 for a set of leaves); 0 for an unknown name.
    mutating func depth(ofFragment name: String) -> Int {
        if let known = memo[name] { return known }
        // Depth-first over fragments with an explicit stack: a fragment is
        // measured once the fragments it spreads are.
        struct Frame {
            let name: String
            /// What the fragment's text nests to, spreads aside.
            let deepest: Int
            let spreads: [Scan.Spread]
            var next = 0
        }
        func frame(_ name: String) -> Frame {
            let scans = (definitions[name] ?? []).map { Scan($0.selectionSet) }
            return Frame(name: name, deepest: scans.map(\.deepest).max() ?? 0, spreads: scans.flatMap(\.spreads))
        }
        var inProgress: Set<String> = [name]
        var stack = [frame(name)]
        while let top = stack.last {
            if top.next < top.spreads.count {
                stack[stack.count - 1].next += 1
                let target = top.spreads[top.next].node.name.value
                guard memo[target] == nil, definitions[target] != nil, inProgress.insert(target).inserted else {
                    continue
                }
                stack.append(frame(target))
                continue
            }
            stack.removeLast()
            inProgress.remove(top.name)
            var deepest = top.deepest
            // A fragment still being measured (a cycle) adds nothing.
            for spread in top.spreads {
                deepest = max(deepest, spread.level + (memo[spread.node.name.value] ?? 0))
            }
            memo[top.name] = deepest
        }
        return memo[name] ?? 0
    }

    func error(at spread: FragmentSpread, depth: Int, maxDepth: Int) -> GraphQLError {
        GraphQLError(
            message: "Fragment spread \"\(spread.name.value)\" nests selection sets \(depth) deep; "
                + "the maximum nesting depth is \(maxDepth).",
            locations: [source.location(at: spread.loc.start)],
            extensions: [("code", .string(GraphQLError.Code.maxNestingExceeded))])
    }
}
