/// Compiles a document into a `CostPlan`, and on the way checks the page
/// sizes the document itself fixes: literal `first`/`limit` values and the
/// integer defaults of variables used as page sizes. Page sizes that come
/// from a request's variables are collected as `PageVariableUse`s, checked
/// per request.
///
/// Works on unvalidated documents too: a field the schema lacks counts as a
/// field that is not a list, and its sub-selection is costed with no type.
struct CostPlanBuilder {
    let schema: GraphQLSchema
    let limits: QueryLimits
    let source: Source
    private var fragmentIndex: [String: Int] = [:]
    private(set) var plan: CostPlan
    private(set) var pageErrors: [GraphQLError] = []
    private(set) var pageVariables: [PageVariableUse] = []

    init(schema: GraphQLSchema, limits: QueryLimits, document: Document) {
        self.schema = schema
        self.limits = limits
        self.source = document.source
        self.plan = CostPlan(defaultListSize: limits.defaultListSize)
        for fragment in document.fragments where fragmentIndex[fragment.name.value] == nil {
            fragmentIndex[fragment.name.value] = fragmentIndex.count
        }
        plan.fragments = Array(repeating: CostPlan.SetTerm(), count: fragmentIndex.count)
    }

    mutating func build(_ document: Document) {
        var compiled: Set<String> = []
        for fragment in document.fragments where compiled.insert(fragment.name.value).inserted {
            guard let index = fragmentIndex[fragment.name.value] else { continue }
            let type = schema.type(named: fragment.typeCondition.name.value)
            var set = CostPlan.SetTerm()
            add(fragment.selectionSet, on: type, to: &set)
            plan.fragments[index] = set
        }
        for operation in document.operations {
            let root = schema.rootType(for: operation.operation).map(GraphQLNamedType.object)
            var set = CostPlan.SetTerm()
            add(operation.selectionSet, on: root, to: &set)
            var defaults: [String: Int] = [:]
            for definition in operation.variableDefinitions {
                guard case .int(let literal)? = definition.defaultValue, let items = Int(literal.value) else {
                    continue
                }
                let name = definition.variable.name.value
                defaults[name] = items
                if let max = limits.maxPageSize, items > max, pageVariables.contains(where: { $0.variable == name }) {
                    pageErrors.append(
                        LimitErrors.pageSizeDefault(
                            variable: name, value: items, max: max, at: literal.loc, source: source))
                }
            }
            plan.operations.append(
                CostPlan.OperationTerm(
                    name: operation.name?.value, set: set, variableDefaults: defaults, definition: operation))
        }
    }

    /// Adds a selection set's fields and spreads to `set`, inline fragments flattened.
    private mutating func add(_ selectionSet: SelectionSet, on type: GraphQLNamedType?, to set: inout CostPlan.SetTerm)
    {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                set.fields.append(term(for: field, on: type))
            case .inlineFragment(let inline):
                let narrowed = inline.typeCondition.flatMap { schema.type(named: $0.name.value) } ?? type
                add(inline.selectionSet, on: narrowed, to: &set)
            case .fragmentSpread(let spread):
                if let index = fragmentIndex[spread.name.value] { set.spreads.append(index) }
            }
        }
    }

    private mutating func term(for field: Field, on parent: GraphQLNamedType?) -> CostPlan.FieldTerm {
        let definition = parent.flatMap { schema.fieldDefinition(named: field.name.value, on: $0) }
        let isList = definition?.type.isList ?? false
        var size: CostPlan.Size = isList ? .list : .one
        if let page = pageSize(of: field, definition: definition) {
            size = .page(page, handsDown: !isList)
        }
        let weight = definition.flatMap(Self.weight) ?? 1
        guard let selectionSet = field.selectionSet else {
            return CostPlan.FieldTerm(size: size, children: nil, weight: weight)
        }
        let childType = definition.flatMap { schema.type(named: $0.type.namedTypeName) }
        var children = CostPlan.SetTerm()
        add(selectionSet, on: childType, to: &children)
        return CostPlan.FieldTerm(size: size, children: children, weight: weight)
    }

    /// The field's page size, from the first page-size argument written (or,
    /// when none is written, from a page-size argument the schema gives a
    /// default); nil when the field has none.
    private mutating func pageSize(of field: Field, definition: GraphQLField?) -> CostPlan.PageSize? {
        for argument in field.arguments where limits.pageSizeArguments.contains(argument.name.value) {
            let schemaDefault = definition.flatMap { schemaDefaultSize(of: argument.name.value, in: $0) }
            switch argument.value {
            case .int(let literal):
                // A literal beyond `Int` is refused by coercion later; cost it as huge.
                let items = Int(literal.value) ?? Int.max
                if let max = limits.maxPageSize, items > max {
                    pageErrors.append(
                        LimitErrors.pageSize(
                            argument: argument.name.value, field: field.name.value, value: items, max: max,
                            at: argument.loc, source: source))
                }
                return .literal(items)
            case .variable(let variable):
                pageVariables.append(
                    PageVariableUse(
                        variable: variable.name.value, argument: argument.name.value, field: field.name.value,
                        location: argument.loc))
                return .variable(variable.name.value, fallback: schemaDefault ?? limits.defaultListSize)
            default:
                // null or a value of the wrong type: coercion answers those.
                return .literal(schemaDefault ?? limits.defaultListSize)
            }
        }
        guard let definition else { return nil }
        for argument in definition.arguments where limits.pageSizeArguments.contains(argument.name) {
            if let items = schemaDefaultSize(of: argument.name, in: definition) { return .literal(items) }
        }
        return nil
    }

    /// The weight a field's `@cost(weight: Int!)` gives it (at least 1), nil
    /// without one. The directive is the schema's to declare; a schema without
    /// it costs every field 1.
    static func weight(of definition: GraphQLField) -> Int? {
        guard case .int(let weight)? = definition.directives(named: "cost").first?.argument("weight") else {
            return nil
        }
        return max(1, weight)
    }

    private func schemaDefaultSize(of argument: String, in definition: GraphQLField) -> Int? {
        guard case .int(let items)? = definition.argument(named: argument)?.coercedDefaultValue else { return nil }
        return items
    }
}

/// A page-size argument set by a variable, checked against
/// `QueryLimits.maxPageSize` per request.
struct PageVariableUse: Sendable {
    let variable: String
    let argument: String
    let field: String
    let location: Location
}
