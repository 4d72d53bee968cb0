/// One operation's cost estimate (see `QueryLimits`), ready to evaluate with
/// a request's variables: the document's compiled `CostPlan` and the
/// operation's term in it. Kept on the `PreparedOperation`, so a server can
/// charge a request for its estimated work (a rate limit on cost) without
/// walking the document again.
struct CostEstimate: Sendable {
    let plan: CostPlan
    let operation: CostPlan.OperationTerm

    /// The estimate of `operation` in `plan`, nil when the plan has no term
    /// for it (it has one for every operation of the document it was built from).
    init?(plan: CostPlan, operation: OperationDefinition) {
        guard let term = plan.operations.first(where: { $0.definition.loc.start == operation.loc.start }) else {
            return nil
        }
        self.plan = plan
        self.operation = term
    }

    /// The estimate with these variables: arithmetic over the plan, `Int.max`
    /// when it does not fit in an `Int`.
    func value(variables: [String: JSONValue]) -> Int {
        plan.cost(of: operation, variables: variables)
    }
}
