/// One operation being executed: its inputs, the result tree under
/// construction, the errors so far, the per-request loaders and the work
/// queues of the current level.
///
/// `@unchecked Sendable` because `FieldContext` (which async resolvers
/// receive) refers to it. All mutation happens on the one task that drives
/// the execution (`Executor.run`); async resolvers run only while that task
/// is suspended awaiting them, and they only read (the context, the
/// variables, and the result tree for `FieldContext.path`).
final class ExecutionState: @unchecked Sendable {
    let schema: ExecutableSchema
    let document: Document
    let operation: OperationDefinition
    let fragments: [String: FragmentDefinition]
    let variables: [String: JSONValue]
    let context: any Sendable
    /// When execution must stop, checked at level boundaries (see `Executor`).
    let deadline: ContinuousClock.Instant?

    // Exclusivity is not checked at run time for the mutable state below (it
    // is touched on every field, and the checks were a measurable share of a
    // request): only the task driving the execution mutates it, and no
    // mutation is ever in progress while another access starts (async
    // resolvers read it only while that task is suspended; see above).
    @exclusivity(unchecked) var tree = ResultTree()
    @exclusivity(unchecked) var errors: [GraphQLError] = []
    /// Set once any slot became null, so the walk starts checking whether a
    /// field still has a live parent (and skips it otherwise).
    @exclusivity(unchecked) var hasNulls = false
    /// Set when the executing task was found cancelled or the deadline
    /// passed; execution stops and the response is a `TIMEOUT` error (see `Executor`).
    @exclusivity(unchecked) var cancelled = false
    let loaders = LoaderRegistry()
    /// What wraps each level (set before execution starts, then only read).
    var instrumentation: (any ExecutionInstrumentation)?
    @exclusivity(unchecked) var objectPlans: [ObjectPlan] = []

    /// The objects whose fields make up the next level.
    @exclusivity(unchecked) var nextLevel: [ObjectTask] = []
    /// Async values of the current level, awaited together.
    @exclusivity(unchecked) var asyncWork: [Waiting<AsyncResolution>] = []
    /// Values waiting for the current level's loader batches.
    @exclusivity(unchecked) var pendingLoads: [Waiting<PendingLoad>] = []

    init(
        schema: ExecutableSchema, document: Document, operation: OperationDefinition,
        fragments: [String: FragmentDefinition], variables: [String: JSONValue], context: any Sendable,
        deadline: ContinuousClock.Instant? = nil
    ) {
        self.deadline = deadline
        self.schema = schema
        self.document = document
        self.operation = operation
        self.fragments = fragments
        self.variables = variables
        self.context = context
    }

    /// The fields of one completed object, to resolve in the next level:
    /// one entry per object rather than per field, so a level of a thousand
    /// objects copies a thousand parents, not one per field.
    struct ObjectTask {
        /// The first of the object's field slots (one per field of `plan`).
        let start: Int
        let plan: ObjectPlan
        let parent: ParentValue
        /// Which of the plan's fields to run (all but for serial mutation roots).
        var fields: Range<Int>
    }

    /// The object a level's fields are read from: JSON is kept as such so the
    /// walk reads its keys directly, without going through the protocol.
    /// Introspection values are kept as such too, so introspection fields
    /// read them with a switch (`resolveIntrospection`).
    enum ParentValue {
        case json(JSONValue)
        case source(any FieldSource)
        case introspection(IntrospectionNode)

        var asFieldSource: any FieldSource {
            switch self {
            case .json(let json): return json
            case .source(let source): return source
            case .introspection(let node): return node.asFieldSource
            }
        }
    }

    /// A value of a field that is not known yet, and where it goes.
    struct Waiting<Work> {
        let slot: Int
        let shape: OutputShape
        let plan: FieldPlan
        let work: Work
    }

    // MARK: Paths and errors

    /// The response path of a slot, worked out from the tree.
    func path(of slot: Int) -> [PathComponent] {
        var components: [PathComponent] = []
        var index = slot
        while index > 0 {
            let parent = tree.slots[index].parent
            guard parent >= 0 else { break }
            switch tree.slots[parent].value {
            case .object(let start, let keys):
                components.append(.key(tree.objectKeys[keys].names[index - start]))
            case .list(let start, _):
                components.append(.index(index - start))
            default:
                break
            }
            index = parent
        }
        return components.reversed()
    }

    /// Whether a slot lies below a slot that became null.
    func isBelowNull(_ slot: Int) -> Bool {
        var index = tree.slots[slot].parent
        while index >= 0 {
            if tree.slots[index].isNull { return true }
            index = tree.slots[index].parent
        }
        return false
    }

    /// Records a field error at `slot` and makes the slot null, propagating
    /// to the nearest nullable ancestor
    /// (https://spec.graphql.org/October2021/#sec-Handling-Field-Errors).
    func fail(_ slot: Int, plan: FieldPlan, _ error: GraphQLError) {
        var located = error
        if located.locations.isEmpty {
            located.locations = plan.fieldNodes.map { document.source.location(at: $0.loc.start) }
        }
        if located.path.isEmpty { located.path = path(of: slot) }
        errors.append(located)
        nullify(slot)
    }

    func nullify(_ slot: Int) {
        hasNulls = true
        var index = slot
        while index >= 0 {
            tree.slots[index].isNull = true
            guard tree.slots[index].nonNull else { return }
            index = tree.slots[index].parent
        }
    }

    /// A thrown error as the response should show it.
    func responseError(from error: any Error) -> GraphQLError {
        if schema.exposesInternalErrors, !(error is any ClientFacingError), !(error is CoercionError) {
            return FieldErrors.withCode(String(describing: error), GraphQLError.Code.internalServerError)
        }
        return FieldErrors.graphQLError(from: error)
    }
}
