/// The depth limit: how deeply fields nest, following fragment spreads to
/// the fragments they name. `{ a { b } }` has depth 2; an inline fragment or
/// a spread adds no level of its own.
///
/// One exception: inside `__schema` and `__type`, `ofType` adds no level.
/// It is a single value (never a list) whose chain the schema's wrapping
/// types bound, and the standard introspection query (graphql-js's
/// `getIntrospectionQuery`) nests it nine deep, 13 fields in all: counted, it
/// would need a depth limit that lets far wider queries through.
///
/// Each fragment's depth is worked out once (so a document whose fragments
/// spread each other many times costs time linear in its size), and a spread
/// of a fragment already being measured counts as depth 0, so cycles end.
/// When the limit is passed, a second walk follows the deepest path to the
/// first field past the limit, which the error points at.
///
/// Neither walk recurses through spreads: fragments are measured in an
/// explicit depth-first order before the selection sets that spread them,
/// and the second walk keeps its own stack, so a long chain of spreads costs
/// no stack. Only the text of one definition is walked by recursion, which
/// the parser's nesting cap bounds.
struct DepthCheck {
    private let fragments: [String: FragmentDefinition]
    private var memo: [FragmentKey: Int] = [:]

    /// A fragment measured inside introspection or outside it (where `ofType` counts).
    private struct FragmentKey: Hashable {
        let name: String
        let introspection: Bool
    }

    init(document: Document) {
        var fragments: [String: FragmentDefinition] = [:]
        for fragment in document.fragments where fragments[fragment.name.value] == nil {
            fragments[fragment.name.value] = fragment
        }
        self.fragments = fragments
    }

    static func check(_ document: Document, maxDepth: Int) -> GraphQLError? {
        var check = DepthCheck(document: document)
        for operation in document.operations {
            check.measureFragments(spreadIn: operation.selectionSet, false)
            guard check.depth(of: operation.selectionSet, false) > maxDepth else { continue }
            if let (field, depth) = check.firstField(in: operation.selectionSet, above: maxDepth, false) {
                return LimitErrors.depth(field: field, depth: depth, max: maxDepth, source: document.source)
            }
        }
        return nil
    }

    /// Whether a field is `__schema` or `__type`, and how many levels it counts for.
    private static func step(_ field: Field, _ introspection: Bool) -> (levels: Int, introspection: Bool) {
        let name = field.name.value
        if introspection { return (name == "ofType" ? 0 : 1, true) }
        return (1, name == "__schema" || name == "__type")
    }

    /// The number of fields on the longest path down from a selection set
    /// (`introspection`: the set lies inside `__schema` or `__type`). The
    /// fragments it spreads must have been measured (`measureFragments`).
    mutating func depth(of selectionSet: SelectionSet, _ introspection: Bool) -> Int {
        var deepest = 0
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let (levels, inside) = Self.step(field, introspection)
                deepest = max(deepest, levels + (field.selectionSet.map { depth(of: $0, inside) } ?? 0))
            case .inlineFragment(let inline):
                deepest = max(deepest, depth(of: inline.selectionSet, introspection))
            case .fragmentSpread(let spread):
                deepest = max(deepest, depth(ofFragment: spread.name.value, introspection))
            }
        }
        return deepest
    }

    /// A measured fragment's depth; 0 for an unknown one, or one not
    /// measured because it was being measured already (a cycle).
    private func depth(ofFragment name: String, _ introspection: Bool) -> Int {
        memo[FragmentKey(name: name, introspection: introspection)] ?? 0
    }

    /// The fragments a selection set spreads, directly or through the text of
    /// its fields and inline fragments (not through the fragments), in
    /// document order, each with whether it is spread inside introspection.
    private static func spreads(
        in selectionSet: SelectionSet, _ introspection: Bool, into keys: inout [FragmentKey]
    ) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                if let set = field.selectionSet {
                    spreads(in: set, step(field, introspection).introspection, into: &keys)
                }
            case .inlineFragment(let inline):
                spreads(in: inline.selectionSet, introspection, into: &keys)
            case .fragmentSpread(let spread):
                keys.append(FragmentKey(name: spread.name.value, introspection: introspection))
            }
        }
    }

    /// Measures every fragment a selection set reaches through spreads, each
    /// after the fragments it spreads itself: depth first, in the order a
    /// recursive measurement would take, with an explicit stack.
    private mutating func measureFragments(spreadIn selectionSet: SelectionSet, _ introspection: Bool) {
        struct Frame {
            let key: FragmentKey
            let fragment: FragmentDefinition
            let spreads: [FragmentKey]
            var next = 0
        }
        func frame(_ key: FragmentKey, _ fragment: FragmentDefinition) -> Frame {
            var keys: [FragmentKey] = []
            Self.spreads(in: fragment.selectionSet, key.introspection, into: &keys)
            return Frame(key: key, fragment: fragment, spreads: keys)
        }
        var roots: [FragmentKey] = []
        Self.spreads(in: selectionSet, introspection, into: &roots)
        var inProgress: Set<String> = []
        for root in roots {
            guard memo[root] == nil, let fragment = fragments[root.name] else { continue }
            inProgress.insert(root.name)
            var stack = [frame(root, fragment)]
            while let top = stack.last {
                if top.next < top.spreads.count {
                    stack[stack.count - 1].next += 1
                    let key = top.spreads[top.next]
                    guard memo[key] == nil, let fragment = fragments[key.name], inProgress.insert(key.name).inserted
                    else { continue }
                    stack.append(frame(key, fragment))
                    continue
                }
                stack.removeLast()
                memo[top.key] = depth(of: top.fragment.selectionSet, top.key.introspection)
                inProgress.remove(top.key.name)
            }
        }
    }

    /// The first field (in document order, along a path deep enough) whose
    /// depth passes `limit`, with that depth. Depth first with an explicit
    /// stack of selection sets, each with the depth of its parent field; a
    /// fragment is not entered again while it is on the path.
    private mutating func firstField(
        in selectionSet: SelectionSet, above limit: Int, _ introspection: Bool
    ) -> (Field, Int)? {
        struct Frame {
            let selections: [Selection]
            let level: Int
            let introspection: Bool
            /// The fragment this set is the body of, left when the set is done.
            let fragment: String?
            var next = 0
        }
        var visiting: Set<String> = []
        var stack = [Frame(selections: selectionSet.selections, level: 0, introspection: introspection, fragment: nil)]
        while let top = stack.last {
            guard top.next < top.selections.count else {
                if let name = top.fragment { visiting.remove(name) }
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            let level = top.level
            switch top.selections[top.next] {
            case .field(let field):
                let (levels, inside) = Self.step(field, top.introspection)
                let here = level + levels
                if here > limit { return (field, here) }
                guard let set = field.selectionSet, here + depth(of: set, inside) > limit else { continue }
                stack.append(Frame(selections: set.selections, level: here, introspection: inside, fragment: nil))
            case .inlineFragment(let inline):
                guard level + depth(of: inline.selectionSet, top.introspection) > limit else { continue }
                stack.append(
                    Frame(
                        selections: inline.selectionSet.selections, level: level, introspection: top.introspection,
                        fragment: nil))
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard let fragment = fragments[name], !visiting.contains(name),
                    level + depth(ofFragment: name, top.introspection) > limit
                else { continue }
                visiting.insert(name)
                stack.append(
                    Frame(
                        selections: fragment.selectionSet.selections, level: level, introspection: top.introspection,
                        fragment: name))
            }
        }
        return nil
    }
}
