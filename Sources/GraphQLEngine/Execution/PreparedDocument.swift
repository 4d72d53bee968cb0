/// A document text after the work that depends on the text alone: parsed,
/// within the document limits, valid. What the `DocumentCache` keeps for a
/// text, so a repeated query pays none of it again.
public struct PreparedDocument: Sendable {
    public let document: Document
    /// Whether each operation, by its start offset in the text, selects
    /// nothing but introspection (see `selectsOnlyIntrospection`).
    let introspectionOnly: [Int: Bool]
    /// The types each operation, by its start offset, can produce and the
    /// fields it selects (`selection(of:in:schema:)`).
    let selections: [Int: OperationSelection]
    /// The `QueryLimits` checks left for each request (page sizes and cost
    /// set by variables); nil when nothing depends on variables.
    let requestChecks: RequestLimitChecks?
    /// The compiled cost estimate of the document's operations; nil when the
    /// service sets neither a cost nor a page-size limit.
    let costPlan: CostPlan?
    /// The answers of its introspection-only operations once made; nil when
    /// it has none, or is not kept in a cache.
    let answers: IntrospectionAnswers?

    init(
        document: Document, schema: GraphQLSchema?, requestChecks: RequestLimitChecks?, costPlan: CostPlan?,
        answerBudget: AnswerBudget? = nil
    ) {
        self.document = document
        self.requestChecks = requestChecks
        self.costPlan = costPlan
        var introspectionOnly: [Int: Bool] = [:]
        var selections: [Int: OperationSelection] = [:]
        for operation in document.operations {
            introspectionOnly[operation.loc.start] = selectsOnlyIntrospection(operation, in: document)
            if let schema {
                selections[operation.loc.start] = selection(of: operation, in: document, schema: schema)
            }
        }
        self.introspectionOnly = introspectionOnly
        self.selections = selections
        self.answers =
            if let answerBudget, answerBudget.limit > 0, introspectionOnly.values.contains(true) {
                IntrospectionAnswers(budget: answerBudget)
            } else {
                nil
            }
    }

    /// A document with no request checks (tests, tools that fill a cache by
    /// hand); without a schema its operations report no selected types.
    public init(_ document: Document, schema: GraphQLSchema? = nil) {
        self.init(document: document, schema: schema, requestChecks: nil, costPlan: nil)
    }

    /// The operation a request runs
    /// (https://spec.graphql.org/October2021/#GetOperation()), or the request
    /// error that there is none to run.
    func operation(named name: String?) -> Result<PreparedOperation, GraphQLError> {
        selectOperation(in: document, named: name).map { operation in
            PreparedOperation(
                document: document, operation: operation,
                isIntrospectionOnly: introspectionOnly[operation.loc.start] ?? false,
                selectedTypeNames: selections[operation.loc.start]?.typeNames ?? [],
                selectedFields: selections[operation.loc.start]?.fieldCoordinates ?? [], requestChecks: requestChecks,
                cost: costPlan.flatMap { CostEstimate(plan: $0, operation: operation) }, answers: answers)
        }
    }
}

/// One operation of a prepared document, chosen for a request: what a server
/// needs to decide on the request before running it (its kind, its name,
/// whether it reads anything but the schema), and what `GraphQLService.execute`
/// runs.
public struct PreparedOperation: Sendable {
    public let document: Document
    public let operation: OperationDefinition
    /// Whether every root field, through fragments, is an introspection
    /// meta-field (`__schema`, `__type`, `__typename`): such an operation runs
    /// no resolver of the application and reads no data.
    public let isIntrospectionOnly: Bool
    /// The named types the operation's fields can produce, through fragments
    /// and abstract types' possible types (an over-approximation: what a
    /// server may prepare for, such as the row-rule lists of the collections
    /// those types come from).
    public let selectedTypeNames: Set<String>
    /// The fields the operation selects, as `Type.field` coordinates on object
    /// types, through fragments (a field selected on an interface counts on
    /// each of its possible types); an over-approximation like
    /// `selectedTypeNames`. Empty without a schema.
    public let selectedFields: Set<String>
    let requestChecks: RequestLimitChecks?
    let cost: CostEstimate?
    /// Where an introspection-only operation's answer is kept (its document's).
    let answers: IntrospectionAnswers?

    /// `query`, `mutation` or `subscription`.
    public var kind: OperationType { operation.operation }
    /// The operation's name, nil when anonymous.
    public var name: String? { operation.name?.value }

    /// The operation's estimated cost with a request's variables (the
    /// estimate `QueryLimits.maxCost` is checked against), for a server that
    /// charges requests by the work they ask for; nil when the service sets
    /// neither a cost nor a page-size limit. Arithmetic over the plan compiled
    /// with the document, no walk of it; `Int.max` when the estimate
    /// overflows.
    public func estimatedCost(variables: [String: JSONValue]) -> Int? {
        cost?.value(variables: variables)
    }
}

/// Whether every root field of `operation`, through fragments and inline
/// fragments, is an introspection meta-field
/// (https://spec.graphql.org/October2021/#sec-Schema-Introspection). Below
/// `__schema` and `__type` only introspection types can be reached. An
/// explicit stack and each fragment visited once: a long chain of spreads
/// costs its length, not stack depth.
func selectsOnlyIntrospection(_ operation: OperationDefinition, in document: Document) -> Bool {
    let metaFields: Set<String> = ["__schema", "__type", "__typename"]
    var fragments: [String: FragmentDefinition] = [:]
    for fragment in document.fragments where fragments[fragment.name.value] == nil {
        fragments[fragment.name.value] = fragment
    }
    var visited = Set<String>()
    var pending = [operation.selectionSet]
    while let set = pending.popLast() {
        for selection in set.selections {
            switch selection {
            case .field(let field):
                guard metaFields.contains(field.name.value) else { return false }
            case .inlineFragment(let fragment):
                pending.append(fragment.selectionSet)
            case .fragmentSpread(let spread):
                guard visited.insert(spread.name.value).inserted else { continue }
                guard let fragment = fragments[spread.name.value] else { return false }
                pending.append(fragment.selectionSet)
            }
        }
    }
    return true
}
