/// The bounds a request's document must stay within before any resolver
/// runs: what stops a hostile client from making one request do unbounded
/// work. Pass it to `GraphQLService(limits:)`; every field is configurable
/// and `nil` turns that limit off.
///
/// ## Limits and their defaults
///
/// | Limit | Default | Refusal code |
/// |---|---|---|
/// | `maxTokens`: lexical tokens in the document (comments excluded) | 15 000 | `MAX_TOKENS_EXCEEDED` |
/// | `maxDepth`: fields nested in one another, through fragments | 12 | `MAX_DEPTH_EXCEEDED` |
/// | `maxNesting`: selection sets (through fragments), list and object values (variables too) and list types nested in one another | 64 | `MAX_NESTING_EXCEEDED` |
/// | `maxAliases`: aliases written in the whole document | 30 | `MAX_ALIASES_EXCEEDED` |
/// | `maxDirectivesPerField`: directives on one field or fragment | 5 | `MAX_DIRECTIVES_EXCEEDED` |
/// | `maxCost`: estimated fields resolved (see below) | 50 000 | `MAX_COST_EXCEEDED` |
/// | `maxPageSize`: value of a `first`/`limit` argument | 100 | `PAGE_SIZE_EXCEEDED` |
/// | `allowsIntrospection`: `__schema` and `__type` | true | `INTROSPECTION_DISABLED` |
/// | `executionTimeout`: wall time of execution | 10 s | `TIMEOUT` |
///
/// Depth counts fields, not selection sets: `{ a { b } }` has depth 2, and a
/// fragment's fields count at the depth where it is spread. Fragment cycles
/// (which validation rejects anyway) cannot make the count loop. Inside
/// `__schema` and `__type`, `ofType` adds no level (a single value whose
/// chain the schema bounds), so the standard introspection query (13 fields
/// deep otherwise) fits the default.
///
/// The cost estimate is an upper bound on the work a request can cause:
/// every field costs its weight (1, or what the schema's `@cost(weight: Int!)`
/// on the field definition gives, for a field that makes a server read many
/// documents or count a collection) plus its sub-selection's cost times its
/// list size.
/// A field with a page-size argument (`first` or `limit`) has that many
/// items, read from the literal or from the request's variables (when the
/// variable is absent: its default in the operation, else the argument's
/// default in the schema, else `defaultListSize`). When such a field is not
/// itself a list (a Relay connection), its size goes to the list fields
/// directly under it (`edges`, `nodes`) instead, so `pageInfo` is not
/// multiplied. Other list fields count `defaultListSize` items. `@skip` and
/// `@include` are ignored and the branches of fragments on different types
/// are added up, so the estimate never undercounts. (graphql-js's standard
/// introspection query estimates at 42 850: the default leaves room for it.)
///
/// Nesting is what bounds the stack: the stages walk nested selection sets
/// and values by recursion, which `maxNesting` keeps within a known depth. It
/// counts what the depth limit leaves out (inline fragments, spreads, values)
/// and follows spreads, so `query { ...F0 }` with `F0` spreading `F1` and so
/// on nests one level per link of the chain. It is the parser's
/// `ParseOptions.maxDepth`, checked while parsing and, through spreads, right
/// after (so before any other check), and it also holds a request's
/// variables (checked before they are coerced). `nil` leaves the parser's
/// own cap (256 by default) in place rather than none, and variables
/// unchecked: for trusted callers, as parsing 256 nested selection sets
/// takes about 1.3 MiB of stack in a debug build (0.55 MiB in release). The
/// default is `maxSafeNesting`, which leaves room for graphql-js's standard
/// introspection query (nesting 16).
///
/// With introspection off, `__typename` stays allowed and validation
/// messages lose their "Did you mean ...?" hints, which would otherwise
/// name schema members.
///
/// What depends only on the document (tokens, nesting, depth, aliases, directives,
/// introspection, literal page sizes, and the cost of operations whose sizes
/// are all literal) is checked once and cached with the document; page sizes
/// and costs that come from variables are checked per request, over a
/// precompiled plan (arithmetic only, no schema lookups).
///
/// An operation whose cost or depth is too high makes the whole document
/// refused, whichever operation the request names: the checks are per
/// document, as validation is.
public struct QueryLimits: Sendable, Hashable {
    /// The most lexical tokens a document may have (the parser's
    /// `ParseOptions.maxTokens`, which this overrides).
    public var maxTokens: Int?
    /// The deepest nesting of fields.
    public var maxDepth: Int?
    /// The deepest nesting of selection sets (through fragment spreads), list
    /// and object values and list types: `ParseOptions.maxDepth` for the
    /// documents a `GraphQLService` parses, and the deepest a request's
    /// variables may nest.
    public var maxNesting: Int?
    /// The most aliases (`name: field`) in one document.
    public var maxAliases: Int?
    /// The most directives on one field, fragment spread or inline fragment.
    public var maxDirectivesPerField: Int?
    /// The highest cost estimate an operation may have.
    public var maxCost: Int?
    /// The largest value a page-size argument may have.
    public var maxPageSize: Int?
    /// The argument names that set a list field's size.
    public var pageSizeArguments: Set<String>
    /// The size assumed for a list whose size no argument gives.
    public var defaultListSize: Int
    /// Whether `__schema` and `__type` may be queried (and validation
    /// messages may suggest schema names).
    public var allowsIntrospection: Bool
    /// How long execution may take before it stops and is answered with a
    /// `TIMEOUT` error, measured from the start of execution (parsing and
    /// checks excluded). A deadline the executor checks between levels and
    /// before each await (no timer task, so it costs a clock read per
    /// level); it does not interrupt an await in progress. To interrupt
    /// awaits that honour cancellation too, a server cancels the task
    /// running `GraphQLService.execute`: the answer is the same `TIMEOUT`.
    public var executionTimeout: Duration?

    public init(
        maxTokens: Int? = 15_000, maxDepth: Int? = 12, maxNesting: Int? = maxSafeNesting, maxAliases: Int? = 30,
        maxDirectivesPerField: Int? = 5,
        maxCost: Int? = 50_000, maxPageSize: Int? = 100, pageSizeArguments: Set<String> = ["first", "limit"],
        defaultListSize: Int = 10, allowsIntrospection: Bool = true, executionTimeout: Duration? = .seconds(10)
    ) {
        self.maxTokens = maxTokens
        self.maxDepth = maxDepth
        self.maxNesting = maxNesting
        self.maxAliases = maxAliases
        self.maxDirectivesPerField = maxDirectivesPerField
        self.maxCost = maxCost
        self.maxPageSize = maxPageSize
        self.pageSizeArguments = pageSizeArguments
        self.defaultListSize = max(0, defaultListSize)
        self.allowsIntrospection = allowsIntrospection
        self.executionTimeout = executionTimeout
    }

    /// The highest `maxNesting` shown safe on a database thread (1 MiB of
    /// stack): the stack tests run the whole pipeline (parse, limits,
    /// validation, execution, the JSON answer) on documents and variables
    /// nested this deep, in a debug build (where frames are largest: parsing
    /// takes about 5.2 KiB of stack per nested selection set), on a thread
    /// with half that stack. Settings from the environment are held to it.
    public static let maxSafeNesting = 64

    /// The defaults with introspection off: what a public deployment should run.
    public static let production = QueryLimits(allowsIntrospection: false)

    /// No limit at all (introspection on, no timeout), for trusted callers and tests.
    public static let none = QueryLimits(
        maxTokens: nil, maxDepth: nil, maxNesting: nil, maxAliases: nil, maxDirectivesPerField: nil, maxCost: nil,
        maxPageSize: nil,
        executionTimeout: nil)
}
