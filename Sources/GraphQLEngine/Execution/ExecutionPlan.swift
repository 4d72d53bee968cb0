/// The fields to execute on objects of one type for one selection: the
/// spec's `CollectFields` result, worked out once per request and shared by
/// every object of that type in that place of the response.
final class ObjectPlan {
    let type: ObjectType
    let fields: [FieldPlan]
    /// Response keys in order, for writing.
    let keys: [String]
    /// Where `keys` sits in the result tree's key lists, once written there.
    /// (Exclusivity unchecked: only the task driving the execution touches it.)
    @exclusivity(unchecked) var keysIndex: Int?
    /// Per field, what the walk needs for plain data, as plain values: reading
    /// these involves no reference counting.
    let steps: [FieldStep]
    /// Per field, whether its result slot is non-null (`__typename` is).
    let slotsNonNull: [Bool]
    /// The fields answered as soon as an object is completed (`__typename`).
    let typenameOffsets: [Int]
    /// Whether any field is left to resolve in the next level.
    let resolvesFields: Bool

    init(type: ObjectType, fields: [FieldPlan]) {
        self.type = type
        self.fields = fields
        self.keys = fields.map(\.responseKey)
        self.slotsNonNull = fields.map { $0.runtime?.shape.isNonNull ?? true }
        self.typenameOffsets = fields.indices.filter { fields[$0].runtime == nil }
        self.resolvesFields = fields.contains { $0.runtime != nil }
        self.steps = fields.map { field in
            guard let runtime = field.runtime, field.readsProperty, field.argumentsAreValid else {
                return FieldStep(
                    name: field.definition.name, plainRead: false, leaf: nil,
                    introspection: field.argumentsAreValid ? field.runtime?.introspection : nil)
            }
            return FieldStep(name: runtime.name, plainRead: true, leaf: runtime.builtInLeaf, introspection: nil)
        }
    }
}

/// The hot-path summary of one field of an object plan.
struct FieldStep {
    /// The field's name (what the default resolver reads).
    let name: String
    /// Whether the field is answered by reading the parent's property (no
    /// resolver, no middleware, valid arguments).
    let plainRead: Bool
    /// The built-in scalar the field returns (not a list), if it is one.
    let leaf: FieldRuntime.BuiltInLeaf?
    /// The introspection field the executor answers itself (no middleware,
    /// valid arguments; see `ExecutionState.resolveIntrospection`).
    let introspection: IntrospectionField?

    /// See `FieldRuntime.fastLeaf`.
    @inline(__always)
    func fastLeaf(_ value: JSONValue) -> JSONValue? {
        guard let leaf else { return nil }
        switch (leaf, value) {
        case (.string, .string), (.id, .string), (.boolean, .bool), (.float, .double): return value
        case (.float, .int(let int)): return .double(Double(int))
        case (.int, .int(let int)) where int >= BuiltInScalars.minInt && int <= BuiltInScalars.maxInt: return value
        default: return nil
        }
    }
}

/// One response key of an object plan: its merged field nodes, its runtime
/// (definition, resolver, type shape), its arguments coerced once, and the
/// plans of its sub-selections by concrete type.
///
/// `@unchecked Sendable` because `FieldContext` carries it into async
/// resolvers: those only read the immutable `let` properties, while the one
/// mutable cache (`childPlans`) is touched only by the task driving the
/// execution, never concurrently with itself.
final class FieldPlan: @unchecked Sendable {
    let responseKey: String
    let fieldNodes: [Field]
    let parentType: ObjectType
    /// Nil for `__typename`, which is answered inline.
    let runtime: FieldRuntime?
    let definition: GraphQLField
    let arguments: Result<ArgumentValues, GraphQLError>
    /// Whether `arguments` coerced without error.
    let argumentsAreValid: Bool
    /// The `includeDeprecated` argument of the introspection fields that take
    /// it (false when absent), read once per plan instead of once per object.
    let includeDeprecated: Bool
    /// The runtime's middleware this request needs (`FieldMiddleware.isNeeded`), outermost first.
    let middleware: [any FieldMiddleware]
    /// Whether the default resolver applies and no middleware is needed: the
    /// field is read from its parent like plain data.
    let readsProperty: Bool
    // Exclusivity unchecked: only the task driving the execution touches these.
    @exclusivity(unchecked) private var childPlans: [String: ObjectPlan] = [:]
    @exclusivity(unchecked) private var lastChildPlan: ObjectPlan?

    init(
        responseKey: String, fieldNodes: [Field], parentType: ObjectType, runtime: FieldRuntime?,
        definition: GraphQLField, arguments: Result<ArgumentValues, GraphQLError>, context: any Sendable
    ) {
        self.responseKey = responseKey
        self.fieldNodes = fieldNodes
        self.parentType = parentType
        self.runtime = runtime
        self.definition = definition
        self.arguments = arguments
        let middleware =
            runtime.map { runtime in
                runtime.middleware.isEmpty
                    ? runtime.middleware
                    : runtime.middleware.filter { $0.isNeeded(for: definition, of: parentType, context: context) }
            } ?? []
        self.middleware = middleware
        if case .property? = runtime?.resolver, middleware.isEmpty {
            readsProperty = true
        } else {
            readsProperty = false
        }
        if case .success(let values) = arguments {
            argumentsAreValid = true
            includeDeprecated = values["includeDeprecated", as: Bool.self] ?? false
        } else {
            argumentsAreValid = false
            includeDeprecated = false
        }
    }

    var argumentValues: ArgumentValues {
        if case .success(let values) = arguments { return values }
        return .empty
    }

    /// The plan for this field's sub-selection on objects of `type`.
    func childPlan(for type: ObjectType, in execution: ExecutionState) -> ObjectPlan {
        if let last = lastChildPlan, last.type === type { return last }
        if let cached = childPlans[type.name] {
            lastChildPlan = cached
            return cached
        }
        let plan = execution.makeObjectPlan(type: type, selectionSets: fieldNodes.compactMap(\.selectionSet))
        childPlans[type.name] = plan
        lastChildPlan = plan
        return plan
    }
}

extension ExecutionState {
    /// https://spec.graphql.org/October2021/#CollectFields()
    func makeObjectPlan(type: ObjectType, selectionSets: [SelectionSet]) -> ObjectPlan {
        var groups = FieldGroups(capacity: selectionSets.first?.selections.count ?? 0)
        var visitedFragments = Set<String>()
        for selectionSet in selectionSets {
            collectFields(type, selectionSet, &groups, &visitedFragments)
        }
        var fields: [FieldPlan] = []
        fields.reserveCapacity(groups.keys.count)
        for (key, nodes) in zip(groups.keys, groups.nodes) {
            guard let first = nodes.first else { continue }
            let name = first.name.value
            if name == IntrospectionTypes.typeNameMetaField.name {
                fields.append(
                    FieldPlan(
                        responseKey: key, fieldNodes: nodes, parentType: type, runtime: nil,
                        definition: IntrospectionTypes.typeNameMetaField, arguments: .success(.empty), context: context)
                )
                continue
            }
            // Fields the type does not define are left out, as validation would have rejected them.
            guard let runtime = schema.runtime(field: name, on: type) else { continue }
            fields.append(
                FieldPlan(
                    responseKey: key, fieldNodes: nodes, parentType: type, runtime: runtime,
                    definition: runtime.definition,
                    arguments: coerceArguments(runtime.definition.arguments, given: first.arguments), context: context))
        }
        return ObjectPlan(type: type, fields: fields)
    }

    /// The spec's recursion as a loop over an explicit stack of selection
    /// sets, in the same order: a chain of fragment spreads, which the
    /// executor may meet in a document nobody validated or limited, then
    /// costs heap, not the stack of the thread the execution runs on.
    private func collectFields(
        _ type: ObjectType, _ selectionSet: SelectionSet, _ groups: inout FieldGroups,
        _ visitedFragments: inout Set<String>
    ) {
        var pending: [(selections: [Selection], next: Int)] = [(selectionSet.selections, 0)]
        while let (selections, next) = pending.last {
            guard next < selections.count else {
                pending.removeLast()
                continue
            }
            pending[pending.count - 1].next = next + 1
            let selection = selections[next]
            guard shouldInclude(selection.directives) else { continue }
            switch selection {
            case .field(let field):
                groups.add(field)
            case .inlineFragment(let fragment):
                if let condition = fragment.typeCondition, !doesFragmentType(condition.name.value, apply: type) {
                    continue
                }
                pending.append((fragment.selectionSet.selections, 0))
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard visitedFragments.insert(name).inserted, let fragment = fragments[name],
                    doesFragmentType(fragment.typeCondition.name.value, apply: type)
                else { continue }
                pending.append((fragment.selectionSet.selections, 0))
            }
        }
    }

    /// https://spec.graphql.org/October2021/#DoesFragmentTypeApply()
    private func doesFragmentType(_ conditionName: String, apply type: ObjectType) -> Bool {
        if conditionName == type.name { return true }
        guard let condition = schema.schema.type(named: conditionName), condition.isAbstractType else { return false }
        return schema.schema.isPossibleType(condition, type.name)
    }

    /// `@skip(if:)` and `@include(if:)`
    /// (https://spec.graphql.org/October2021/#sec--skip).
    func shouldInclude(_ directives: [Directive]) -> Bool {
        if directives.isEmpty { return true }
        for directive in directives {
            switch directive.name.value {
            case BuiltInDirectives.skip.name:
                if conditionValue(directive) == true { return false }
            case BuiltInDirectives.include.name:
                if conditionValue(directive) == false { return false }
            default: break
            }
        }
        return true
    }

    private func conditionValue(_ directive: Directive) -> Bool? {
        guard let argument = directive.arguments.first(where: { $0.name.value == "if" }) else { return nil }
        switch argument.value {
        case .boolean(let literal): return literal.value
        case .variable(let variable):
            if case .bool(let value) = variables[variable.name.value] { return value }
            return nil
        default: return nil
        }
    }
}
