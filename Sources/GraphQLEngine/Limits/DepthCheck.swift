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
struct DepthCheck {
    private let fragments: [String: FragmentDefinition]
    private var memo: [FragmentKey: Int] = [:]
    private var inProgress: Set<String> = []

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
        for operation in document.operations where check.depth(of: operation.selectionSet, false) > maxDepth {
            var visiting: Set<String> = []
            if let (field, depth) = check.firstField(
                in: operation.selectionSet, above: maxDepth, at: 0, false, &visiting)
            {
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
    /// (`introspection`: the set lies inside `__schema` or `__type`).
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

    private mutating func depth(ofFragment name: String, _ introspection: Bool) -> Int {
        let key = FragmentKey(name: name, introspection: introspection)
        if let known = memo[key] { return known }
        guard let fragment = fragments[name], !inProgress.contains(name) else { return 0 }
        inProgress.insert(name)
        let measured = depth(of: fragment.selectionSet, introspection)
        inProgress.remove(name)
        memo[key] = measured
        return measured
    }

    /// The first field (in document order, along a path deep enough) whose
    /// depth passes `limit`, with that depth; `level` is the depth of the
    /// selection set's parent field.
    private mutating func firstField(
        in selectionSet: SelectionSet, above limit: Int, at level: Int, _ introspection: Bool,
        _ visiting: inout Set<String>
    ) -> (Field, Int)? {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let (levels, inside) = Self.step(field, introspection)
                let here = level + levels
                if here > limit { return (field, here) }
                guard let set = field.selectionSet, here + depth(of: set, inside) > limit else { continue }
                if let found = firstField(in: set, above: limit, at: here, inside, &visiting) { return found }
            case .inlineFragment(let inline):
                guard level + depth(of: inline.selectionSet, introspection) > limit else { continue }
                if let found = firstField(in: inline.selectionSet, above: limit, at: level, introspection, &visiting) {
                    return found
                }
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard let fragment = fragments[name], !visiting.contains(name),
                    level + depth(ofFragment: name, introspection) > limit
                else { continue }
                visiting.insert(name)
                defer { visiting.remove(name) }
                if let found = firstField(
                    in: fragment.selectionSet, above: limit, at: level, introspection, &visiting)
                {
                    return found
                }
            }
        }
        return nil
    }
}
