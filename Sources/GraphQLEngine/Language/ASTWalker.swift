/// Walks an AST depth-first, in source order, calling every visitor's `enter`
/// and `leave` for each node, so many validation rules share one traversal
/// (as graphql-js's `visitInParallel`). Children are visited in the order
/// graphql-js visits them (for a field: arguments, then directives, then the
/// selection set).
///
/// A visitor that returns `.skip` from `enter` misses that node's subtree and
/// its `leave`; one that returns `.break` is not called again. The others go on.
/// When every visitor skips a subtree, the walker does not descend into it.
///
/// Each visitor is called only for the node kinds it declares
/// (`ASTVisitor.visitedKinds`).
///
/// An optional `helper` (the place for a `TypeInfo`) is called for every node,
/// before the visitors on enter and after them on leave, so the visitors see
/// the helper's state for the node they are visiting; its return value is ignored.
///
/// `ancestors` holds the kinds of the nodes enclosing the one being visited,
/// outermost first (the current node excluded), for rules that depend on where
/// a node sits (for example a directive's location).
public final class ASTWalker {
    public let visitors: [any ASTVisitor]
    public let helper: (any ASTVisitor)?
    /// Kinds of the nodes that enclose the node being visited, outermost first.
    // Exclusivity is not checked at run time for the walker's state: it is only
    // touched by the walker itself, on one thread, never while a mutation of the
    // same property is in progress (visitors only read it between mutations).
    @exclusivity(unchecked) public private(set) var ancestors: [ASTNodeKind] = []

    /// For each visitor: `active`, `stopped`, or the depth at which it skipped.
    @exclusivity(unchecked) private var states: [Int]
    @exclusivity(unchecked) private var activeCount: Int
    private static let active = -1
    private static let stopped = -2

    /// Which visitors to call for a node of each kind: the visitor indices in
    /// `handlers[handlerStarts[kind] ..< handlerStarts[kind + 1]]`, in the
    /// visitors' order (from each visitor's `visitedKinds`). A visitor that
    /// does not handle a kind keeps the default `.continue` there, so leaving
    /// it out changes nothing but the cost.
    private let handlers: [Int]
    private let handlerStarts: [Int]

    public init(visitors: [any ASTVisitor], helper: (any ASTVisitor)? = nil) {
        self.visitors = visitors
        self.helper = helper
        self.states = Array(repeating: Self.active, count: visitors.count)
        self.activeCount = visitors.count
        ancestors.reserveCapacity(64)
        var masks: [UInt64] = []
        masks.reserveCapacity(visitors.count)
        for visitor in visitors { masks.append(type(of: visitor).visitedKinds.rawValue) }
        (handlers, handlerStarts) = DispatchTableCache.shared.table(for: masks) { Self.dispatchTable($0) }
    }

    /// A counting sort of (kind, visitor) pairs by kind: linear in the number
    /// of pairs, two allocations, as it runs for every validation.
    private static func dispatchTable(_ masks: [UInt64]) -> (handlers: [Int], starts: [Int]) {
        let kindCount = ASTNodeKindCount.value
        var starts = [Int](repeating: 0, count: kindCount + 1)
        var total = 0
        starts.withUnsafeMutableBufferPointer { starts in
            for mask in masks {
                var bits = mask
                while bits != 0 {
                    let kind = bits.trailingZeroBitCount
                    if kind < kindCount { starts[kind + 1] += 1 }
                    bits &= bits - 1
                }
            }
            for kind in 0..<kindCount { starts[kind + 1] += starts[kind] }
            total = starts[kindCount]
        }
        let handlers = [Int](unsafeUninitializedCapacity: total) { handlers, count in
            starts.withUnsafeBufferPointer { starts in
                // Fills kind by kind; `next` walks each kind's range.
                withUnsafeTemporaryAllocation(of: Int.self, capacity: kindCount) { next in
                    for kind in 0..<kindCount { next[kind] = starts[kind] }
                    for (index, mask) in masks.enumerated() {
                        var bits = mask
                        while bits != 0 {
                            let kind = bits.trailingZeroBitCount
                            if kind < kindCount {
                                handlers[next[kind]] = index  // (Int is trivial: assigning initializes)
                                next[kind] += 1
                            }
                            bits &= bits - 1
                        }
                    }
                }
            }
            count = total
        }
        return (handlers, starts)
    }

    /// The kind of the node directly enclosing the one being visited.
    public var parentKind: ASTNodeKind? { ancestors.last }

    /// The type of the operation being walked, if inside one.
    @exclusivity(unchecked) public private(set) var currentOperationType: OperationType?

    /// While visiting a `Directive`: where it is used, as its definition's
    /// `locations` name it (https://spec.graphql.org/October2021/#DirectiveLocations).
    /// nil elsewhere. A directive's own location is decided by its parent node,
    /// and for an input value definition by whether that belongs to an input
    /// object (input field) or to a field or directive (argument).
    public var directiveLocation: DirectiveLocation? {
        guard let parent = ancestors.last else { return nil }
        switch parent {
        case .operationDefinition:
            switch currentOperationType {
            case .query: return .query
            case .mutation: return .mutation
            case .subscription: return .subscription
            case nil: return nil
            }
        case .field: return .field
        case .fragmentSpread: return .fragmentSpread
        case .inlineFragment: return .inlineFragment
        case .fragmentDefinition: return .fragmentDefinition
        case .variableDefinition: return .variableDefinition
        case .schemaDefinition, .schemaExtension: return .schema
        case .scalarTypeDefinition, .scalarTypeExtension: return .scalar
        case .objectTypeDefinition, .objectTypeExtension: return .object
        case .fieldDefinition: return .fieldDefinition
        case .interfaceTypeDefinition, .interfaceTypeExtension: return .interface
        case .unionTypeDefinition, .unionTypeExtension: return .union
        case .enumTypeDefinition, .enumTypeExtension: return .enumType
        case .enumValueDefinition: return .enumValue
        case .inputObjectTypeDefinition, .inputObjectTypeExtension: return .inputObject
        case .inputValueDefinition:
            let grandparent = ancestors.count >= 2 ? ancestors[ancestors.count - 2] : nil
            switch grandparent {
            case .inputObjectTypeDefinition, .inputObjectTypeExtension: return .inputFieldDefinition
            default: return .argumentDefinition
            }
        default: return nil
        }
    }

    // MARK: - Driving the visitors

    /// Calls `enter` on the helper and the active visitors; returns whether the
    /// walk should descend into the node's children.
    @inline(__always)
    private func enter(_ kind: ASTNodeKind, _ call: (any ASTVisitor) -> VisitAction) -> Bool {
        if let helper { _ = call(helper) }
        let depth = ancestors.count
        for position in handlerStarts[kind.rawValue]..<handlerStarts[kind.rawValue + 1] {
            let index = handlers[position]
            guard states[index] == Self.active else { continue }
            switch call(visitors[index]) {
            case .continue: break
            case .skip:
                states[index] = depth
                activeCount -= 1
            case .break:
                states[index] = Self.stopped
                activeCount -= 1
            }
        }
        ancestors.append(kind)
        return activeCount > 0
    }

    /// Calls `leave` on the visitors still active for this node, then on the helper.
    @inline(__always)
    private func leave(_ call: (any ASTVisitor) -> Void) {
        let kind = ancestors.removeLast()
        let depth = ancestors.count
        // Only a visitor that handles this kind can have skipped this node.
        for position in handlerStarts[kind.rawValue]..<handlerStarts[kind.rawValue + 1] {
            let index = handlers[position]
            let state = states[index]
            if state == Self.active {
                call(visitors[index])
            } else if state == depth {
                // The visitor skipped this very node: it resumes after it.
                states[index] = Self.active
                activeCount += 1
            }
        }
        if let helper { call(helper) }
    }

    /// Stops every visitor for the rest of the walk, as if each had returned
    /// `.break` (validation calls this when it reaches its error cap). The walk
    /// no longer descends; the helper still sees the nodes left.
    public func stopAll() {
        for index in states.indices { states[index] = Self.stopped }
        activeCount = 0
    }

    // MARK: - Executable documents

    public func walk(_ node: Document) {
        if enter(.document, { $0.enter(node) }) {
            for definition in node.definitions { walk(definition) }
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: Definition) {
        switch node {
        case .operation(let definition): walk(definition)
        case .fragment(let definition): walk(definition)
        case .schema(let definition): walk(definition)
        case .scalarType(let definition): walk(definition)
        case .objectType(let definition): walk(definition)
        case .interfaceType(let definition): walk(definition)
        case .unionType(let definition): walk(definition)
        case .enumType(let definition): walk(definition)
        case .inputObjectType(let definition): walk(definition)
        case .directive(let definition): walk(definition)
        case .schemaExtension(let definition): walk(definition)
        case .scalarTypeExtension(let definition): walk(definition)
        case .objectTypeExtension(let definition): walk(definition)
        case .interfaceTypeExtension(let definition): walk(definition)
        case .unionTypeExtension(let definition): walk(definition)
        case .enumTypeExtension(let definition): walk(definition)
        case .inputObjectTypeExtension(let definition): walk(definition)
        }
    }

    public func walk(_ node: OperationDefinition) {
        currentOperationType = node.operation
        defer { currentOperationType = nil }
        if enter(.operationDefinition, { $0.enter(node) }) {
            for variable in node.variableDefinitions { walk(variable) }
            walk(node.directives)
            walk(node.selectionSet)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: VariableDefinition) {
        if enter(.variableDefinition, { $0.enter(node) }) {
            walk(node.variable)
            walk(node.type)
            if let defaultValue = node.defaultValue { walk(defaultValue) }
            walk(node.directives)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: SelectionSet) {
        if enter(.selectionSet, { $0.enter(node) }) {
            for selection in node.selections {
                switch selection {
                case .field(let field): walk(field)
                case .fragmentSpread(let spread): walk(spread)
                case .inlineFragment(let fragment): walk(fragment)
                }
            }
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: Field) {
        if enter(.field, { $0.enter(node) }) {
            walk(node.arguments)
            walk(node.directives)
            if let selectionSet = node.selectionSet { walk(selectionSet) }
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: FragmentSpread) {
        if enter(.fragmentSpread, { $0.enter(node) }) {
            walk(node.directives)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: InlineFragment) {
        if enter(.inlineFragment, { $0.enter(node) }) {
            if let typeCondition = node.typeCondition { walk(typeCondition) }
            walk(node.directives)
            walk(node.selectionSet)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: FragmentDefinition) {
        if enter(.fragmentDefinition, { $0.enter(node) }) {
            walk(node.typeCondition)
            walk(node.directives)
            walk(node.selectionSet)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: Argument) {
        if enter(.argument, { $0.enter(node) }) {
            walk(node.value)
        }
        leave { $0.leave(node) }
    }

    private func walk(_ nodes: [Argument]) {
        for node in nodes { walk(node) }
    }

    public func walk(_ node: Directive) {
        if enter(.directive, { $0.enter(node) }) {
            walk(node.arguments)
        }
        leave { $0.leave(node) }
    }

    private func walk(_ nodes: [Directive]) {
        for node in nodes { walk(node) }
    }

    // MARK: - Values

    public func walk(_ node: Value) {
        switch node {
        case .variable(let value): walk(value)
        case .int(let value):
            _ = enter(.intValue) { $0.enter(value) }
            leave { $0.leave(value) }
        case .float(let value):
            _ = enter(.floatValue) { $0.enter(value) }
            leave { $0.leave(value) }
        case .string(let value): walk(value)
        case .boolean(let value):
            _ = enter(.booleanValue) { $0.enter(value) }
            leave { $0.leave(value) }
        case .null(let value):
            _ = enter(.nullValue) { $0.enter(value) }
            leave { $0.leave(value) }
        case .enumValue(let value):
            _ = enter(.enumValue) { $0.enter(value) }
            leave { $0.leave(value) }
        case .list(let value):
            if enter(.listValue, { $0.enter(value) }) {
                for item in value.values { walk(item) }
            }
            leave { $0.leave(value) }
        case .object(let value):
            if enter(.objectValue, { $0.enter(value) }) {
                for field in value.fields {
                    if enter(.objectField, { $0.enter(field) }) {
                        walk(field.value)
                    }
                    leave { $0.leave(field) }
                }
            }
            leave { $0.leave(value) }
        }
    }

    public func walk(_ node: Variable) {
        _ = enter(.variable) { $0.enter(node) }
        leave { $0.leave(node) }
    }

    public func walk(_ node: StringValue) {
        _ = enter(.stringValue) { $0.enter(node) }
        leave { $0.leave(node) }
    }

    private func walk(description: StringValue?) {
        if let description { walk(description) }
    }

    // MARK: - Types

    public func walk(_ node: TypeReference) {
        switch node {
        case .named(let named): walk(named)
        case .list(let list):
            if enter(.listType, { $0.enter(list) }) { walk(list.type) }
            leave { $0.leave(list) }
        case .nonNull(let nonNull):
            if enter(.nonNullType, { $0.enter(nonNull) }) { walk(nonNull.type) }
            leave { $0.leave(nonNull) }
        }
    }

    public func walk(_ node: NamedType) {
        _ = enter(.namedType) { $0.enter(node) }
        leave { $0.leave(node) }
    }

    private func walk(_ nodes: [NamedType]) {
        for node in nodes { walk(node) }
    }

    // MARK: - Type system

    public func walk(_ node: SchemaDefinition) {
        if enter(.schemaDefinition, { $0.enter(node) }) {
            walk(description: node.description)
            walk(node.directives)
            walk(node.operationTypes)
        }
        leave { $0.leave(node) }
    }

    private func walk(_ nodes: [OperationTypeDefinition]) {
        for node in nodes {
            if enter(.operationTypeDefinition, { $0.enter(node) }) { walk(node.type) }
            leave { $0.leave(node) }
        }
    }

    public func walk(_ node: ScalarTypeDefinition) {
        if enter(.scalarTypeDefinition, { $0.enter(node) }) {
            walk(description: node.description)
            walk(node.directives)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: ObjectTypeDefinition) {
        if enter(.objectTypeDefinition, { $0.enter(node) }) {
            walk(description: node.description)
            walk(node.interfaces)
            walk(node.directives)
            walk(node.fields)
        }
        leave { $0.leave(node) }
    }

    private func walk(_ nodes: [FieldDefinition]) {
        for node in nodes { walk(node) }
    }

    public func walk(_ node: FieldDefinition) {
        if enter(.fieldDefinition, { $0.enter(node) }) {
            walk(description: node.description)
            walk(node.arguments)
            walk(node.type)
            walk(node.directives)
        }
        leave { $0.leave(node) }
    }

    private func walk(_ nodes: [InputValueDefinition]) {
        for node in nodes { walk(node) }
    }

    public func walk(_ node: InputValueDefinition) {
        if enter(.inputValueDefinition, { $0.enter(node) }) {
            walk(description: node.description)
            walk(node.type)
            if let defaultValue = node.defaultValue { walk(defaultValue) }
            walk(node.directives)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: InterfaceTypeDefinition) {
        if enter(.interfaceTypeDefinition, { $0.enter(node) }) {
            walk(description: node.description)
            walk(node.interfaces)
            walk(node.directives)
            walk(node.fields)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: UnionTypeDefinition) {
        if enter(.unionTypeDefinition, { $0.enter(node) }) {
            walk(description: node.description)
            walk(node.directives)
            walk(node.types)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: EnumTypeDefinition) {
        if enter(.enumTypeDefinition, { $0.enter(node) }) {
            walk(description: node.description)
            walk(node.directives)
            walk(node.values)
        }
        leave { $0.leave(node) }
    }

    private func walk(_ nodes: [EnumValueDefinition]) {
        for node in nodes {
            if enter(.enumValueDefinition, { $0.enter(node) }) {
                walk(description: node.description)
                walk(node.directives)
            }
            leave { $0.leave(node) }
        }
    }

    public func walk(_ node: InputObjectTypeDefinition) {
        if enter(.inputObjectTypeDefinition, { $0.enter(node) }) {
            walk(description: node.description)
            walk(node.directives)
            walk(node.fields)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: DirectiveDefinition) {
        if enter(.directiveDefinition, { $0.enter(node) }) {
            walk(description: node.description)
            walk(node.arguments)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: SchemaExtension) {
        if enter(.schemaExtension, { $0.enter(node) }) {
            walk(node.directives)
            walk(node.operationTypes)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: ScalarTypeExtension) {
        if enter(.scalarTypeExtension, { $0.enter(node) }) {
            walk(node.directives)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: ObjectTypeExtension) {
        if enter(.objectTypeExtension, { $0.enter(node) }) {
            walk(node.interfaces)
            walk(node.directives)
            walk(node.fields)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: InterfaceTypeExtension) {
        if enter(.interfaceTypeExtension, { $0.enter(node) }) {
            walk(node.interfaces)
            walk(node.directives)
            walk(node.fields)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: UnionTypeExtension) {
        if enter(.unionTypeExtension, { $0.enter(node) }) {
            walk(node.directives)
            walk(node.types)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: EnumTypeExtension) {
        if enter(.enumTypeExtension, { $0.enter(node) }) {
            walk(node.directives)
            walk(node.values)
        }
        leave { $0.leave(node) }
    }

    public func walk(_ node: InputObjectTypeExtension) {
        if enter(.inputObjectTypeExtension, { $0.enter(node) }) {
            walk(node.directives)
            walk(node.fields)
        }
        leave { $0.leave(node) }
    }
}
