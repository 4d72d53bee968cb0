/// What `QueryLimits` make of one parsed document: the refusals that depend
/// on the document alone (worked out once and cached with it), and the
/// checks left for each request when page sizes come from variables.
struct DocumentLimits: Sendable {
    /// Refusals found in the document itself; the document is not run when
    /// there are any.
    let errors: [GraphQLError]
    /// Nil when nothing depends on a request's variables.
    let requestChecks: RequestLimitChecks?
    /// The document's cost estimate, compiled; nil when neither a cost nor a
    /// page-size limit is set (nothing compiled it).
    let costPlan: CostPlan?

    /// Checks a document (parsed within `maxTokens` already) against `limits`.
    init(document: Document, schema: GraphQLSchema, limits: QueryLimits) {
        var errors = SelectionCounts.check(document, limits: limits)
        if let maxDepth = limits.maxDepth, let error = DepthCheck.check(document, maxDepth: maxDepth) {
            errors.append(error)
        }
        guard limits.maxCost != nil || limits.maxPageSize != nil else {
            self.errors = errors
            self.requestChecks = nil
            self.costPlan = nil
            return
        }
        var builder = CostPlanBuilder(schema: schema, limits: limits, document: document)
        builder.build(document)
        errors += builder.pageErrors
        self.costPlan = builder.plan
        let checks = RequestLimitChecks(
            plan: builder.plan, pageVariables: builder.pageVariables, limits: limits, source: document.source)
        if builder.pageVariables.isEmpty {
            // Every size is fixed by the document: cost each operation now.
            errors += checks.costErrors(variables: [:], operationName: nil, allOperations: true)
            self.requestChecks = nil
        } else {
            self.requestChecks = checks
        }
        self.errors = errors
    }
}

/// The limits a request's variables decide: page sizes given by variables,
/// and the cost of the operation the request runs. Evaluated over a compiled
/// `CostPlan`, so a request pays arithmetic, not a walk of the document with
/// schema lookups.
struct RequestLimitChecks: Sendable {
    let plan: CostPlan
    let pageVariables: [PageVariableUse]
    let maxCost: Int?
    let maxPageSize: Int?
    let source: Source

    init(plan: CostPlan, pageVariables: [PageVariableUse], limits: QueryLimits, source: Source) {
        self.plan = plan
        self.pageVariables = pageVariables
        self.maxCost = limits.maxCost
        self.maxPageSize = limits.maxPageSize
        self.source = source
    }

    func errors(variables: [String: JSONValue], operationName: String?) -> [GraphQLError] {
        var errors: [GraphQLError] = []
        if let maxPageSize {
            for use in pageVariables {
                // Whole-number floats too (`101.0`): `Int` input coercion accepts them.
                guard let items = variables[use.variable]?.integralValue, items > maxPageSize else { continue }
                errors.append(LimitErrors.pageSize(use, value: items, max: maxPageSize, source: source))
            }
        }
        return errors + costErrors(variables: variables, operationName: operationName, allOperations: false)
    }

    /// The cost refusal of the operation the request names (or of every
    /// operation); none when the operation cannot be picked, which execution
    /// reports in its own words.
    func costErrors(variables: [String: JSONValue], operationName: String?, allOperations: Bool) -> [GraphQLError] {
        guard let maxCost else { return [] }
        let operations: [CostPlan.OperationTerm]
        if allOperations {
            operations = plan.operations
        } else if let operationName {
            operations = plan.operations.first { $0.name == operationName }.map { [$0] } ?? []
        } else {
            operations = plan.operations.count == 1 ? plan.operations : []
        }
        var errors: [GraphQLError] = []
        for operation in operations {
            let cost = plan.cost(of: operation, variables: variables)
            if cost > maxCost {
                errors.append(LimitErrors.cost(cost, max: maxCost, operation: operation.definition, source: source))
            }
        }
        return errors
    }
}

extension QueryLimits {
    /// Checks a parsed document and a request's variables against these
    /// limits, without any cache: for callers that run the engine's stages
    /// themselves. (`GraphQLService` caches the document's part of the work.)
    /// The token limit applies at parsing (`ParseOptions.maxTokens`) and the
    /// timeout at execution, so neither is checked here.
    public func check(
        _ document: Document, schema: GraphQLSchema, variables: [String: JSONValue] = [:], operationName: String? = nil
    ) -> [GraphQLError] {
        let limits = DocumentLimits(document: document, schema: schema, limits: self)
        if !limits.errors.isEmpty { return limits.errors }
        return limits.requestChecks?.errors(variables: variables, operationName: operationName) ?? []
    }

    /// The estimated cost of an operation with the given variables (see
    /// `QueryLimits` for the estimate); nil when the document has no such
    /// operation. For tests, logs and metrics.
    public func estimatedCost(
        of document: Document, schema: GraphQLSchema, variables: [String: JSONValue] = [:],
        operationName: String? = nil
    ) -> Int? {
        var builder = CostPlanBuilder(schema: schema, limits: self, document: document)
        builder.build(document)
        let operations = builder.plan.operations
        let operation: CostPlan.OperationTerm?
        if let operationName {
            operation = operations.first { $0.name == operationName }
        } else {
            operation = operations.count == 1 ? operations.first : nil
        }
        return operation.map { builder.plan.cost(of: $0, variables: variables) }
    }
}
