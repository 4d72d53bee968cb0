/// `extensions.code` values of the refusals `QueryLimits` gives.
extension GraphQLError.Code {
    /// The document has more lexical tokens than `QueryLimits.maxTokens`
    /// (raised by the parser, so also for `ParseOptions.maxTokens`).
    public static let maxTokensExceeded = "MAX_TOKENS_EXCEEDED"
    /// Selection sets, list and object values or list types nested deeper
    /// than `QueryLimits.maxNesting` (raised by the parser, so also for
    /// `ParseOptions.maxDepth`), in the text or through fragment spreads.
    public static let maxNestingExceeded = "MAX_NESTING_EXCEEDED"
    /// Fields nested deeper than `QueryLimits.maxDepth`.
    public static let maxDepthExceeded = "MAX_DEPTH_EXCEEDED"
    /// More aliases than `QueryLimits.maxAliases`.
    public static let maxAliasesExceeded = "MAX_ALIASES_EXCEEDED"
    /// More directives on one selection than `QueryLimits.maxDirectivesPerField`.
    public static let maxDirectivesExceeded = "MAX_DIRECTIVES_EXCEEDED"
    /// A cost estimate above `QueryLimits.maxCost`.
    public static let maxCostExceeded = "MAX_COST_EXCEEDED"
    /// A page-size argument above `QueryLimits.maxPageSize`.
    public static let pageSizeExceeded = "PAGE_SIZE_EXCEEDED"
    /// `__schema` or `__type` queried while introspection is off.
    public static let introspectionDisabled = "INTROSPECTION_DISABLED"
    /// Execution was cancelled (by `QueryLimits.executionTimeout`, or by
    /// whoever cancelled the task running it) before it completed.
    public static let timeout = "TIMEOUT"
}

/// The refusals themselves, each located at the node that went over.
enum LimitErrors {
    static func make(
        _ message: String, _ code: String, at location: Location?, in source: Source,
        extra: [(key: String, value: JSONValue)] = []
    ) -> GraphQLError {
        GraphQLError(
            message: message, locations: location.map { [source.location(at: $0.start)] } ?? [],
            extensions: [("code", .string(code))] + extra)
    }

    static func depth(field: Field, depth: Int, max: Int, source: Source) -> GraphQLError {
        make(
            "Field \"\(field.name.value)\" is nested \(depth) deep; the maximum depth is \(max).",
            GraphQLError.Code.maxDepthExceeded, at: field.loc, in: source)
    }

    static func aliases(at alias: Name, max: Int, source: Source) -> GraphQLError {
        make(
            "The document has more than \(max) aliases; at most \(max) are allowed.",
            GraphQLError.Code.maxAliasesExceeded, at: alias.loc, in: source)
    }

    static func directives(on what: String, count: Int, max: Int, at location: Location, source: Source)
        -> GraphQLError
    {
        make(
            "\(what) has \(count) directives; at most \(max) are allowed on one selection.",
            GraphQLError.Code.maxDirectivesExceeded, at: location, in: source)
    }

    static func introspection(field: Field, source: Source) -> GraphQLError {
        make(
            "Introspection is disabled on this server: \"\(field.name.value)\" cannot be queried.",
            GraphQLError.Code.introspectionDisabled, at: field.loc, in: source)
    }

    static func cost(_ cost: Int, max: Int, operation: OperationDefinition, source: Source) -> GraphQLError {
        let name = operation.name.map { "Operation \"\($0.value)\"" } ?? "The operation"
        let shown = cost == Int.max ? "too high to count" : String(cost)
        return make(
            "\(name) has an estimated cost of \(shown), above the maximum of \(max).",
            GraphQLError.Code.maxCostExceeded, at: operation.loc, in: source,
            extra: [("cost", .int(cost)), ("maxCost", .int(max))])
    }

    static func pageSize(argument: String, field: String, value: Int, max: Int, at location: Location, source: Source)
        -> GraphQLError
    {
        make(
            "Argument \"\(argument)\" of field \"\(field)\" is \(value); a page holds at most \(max) items.",
            GraphQLError.Code.pageSizeExceeded, at: location, in: source)
    }

    static func pageSizeDefault(variable: String, value: Int, max: Int, at location: Location, source: Source)
        -> GraphQLError
    {
        make(
            "Variable \"$\(variable)\" sets a page size and defaults to \(value); a page holds at most \(max) items.",
            GraphQLError.Code.pageSizeExceeded, at: location, in: source)
    }

    static func pageSize(_ use: PageVariableUse, value: Int, max: Int, source: Source) -> GraphQLError {
        make(
            "Variable \"$\(use.variable)\" is \(value) where it sets argument \"\(use.argument)\" of field "
                + "\"\(use.field)\"; a page holds at most \(max) items.",
            GraphQLError.Code.pageSizeExceeded, at: use.location, in: source)
    }

    static let timeout = GraphQLError(
        message: "The request took too long and was stopped before it completed.",
        extensions: [("code", .string(GraphQLError.Code.timeout))])
}
