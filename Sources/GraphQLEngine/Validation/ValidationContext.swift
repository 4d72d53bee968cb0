/// What every validation rule sees during one `validate` call: the schema, the
/// document, the walk's `TypeInfo` and position, the options, and the list of
/// errors found so far.
///
/// It also answers the questions several rules share (which fragments an
/// operation reaches, where variables are used and with which expected type),
/// computing each answer once per node and caching it.
///
/// One context serves one validation on one thread; it is not `Sendable`.
/// Cached answers are keyed by the node's source location (plus its name for
/// definitions), which the parser makes unique within a document.
public final class ValidationContext {
    public let schema: GraphQLSchema
    public let document: Document
    public let typeInfo: TypeInfo
    /// The most errors reported before validation stops (graphql-js's `maxErrors`).
    public let maxErrors: Int
    /// Whether messages may end in "Did you mean ...?" hints. Off when
    /// introspection is disabled, since hints would reveal schema names.
    public let suggestionsEnabled: Bool

    /// The errors reported so far, in order.
    public private(set) var errors: [GraphQLError] = []
    /// Whether the error cap was reached and the walk stopped.
    public private(set) var isAborted = false

    /// The walker driving the rules, to read its position and to stop it.
    /// Weak: the walker owns the rules, which own this context.
    weak var walker: ASTWalker?

    private var lineIndex: SourceLineIndex?
    /// Whether the document defines any fragment: most requests do not, and
    /// then no operation references one (a spread of an unknown name refers
    /// to nothing), so the fragment and variable caches can be bypassed.
    private lazy var hasFragments = document.definitions.contains { definition in
        if case .fragment = definition { return true }
        return false
    }
    private var fragmentIndex: [String: FragmentDefinition]?
    private var spreadsBySelectionSet: [Location: [FragmentSpread]] = [:]
    private var referencedFragments: [DefinitionKey: [FragmentDefinition]] = [:]
    private var usagesByDefinition: [DefinitionKey: [VariableUsage]] = [:]
    private var recursiveUsages: [DefinitionKey: [VariableUsage]] = [:]

    /// The message graphql-js adds, as the last error, when the cap is reached.
    public static let tooManyErrorsMessage = "Too many validation errors, error limit reached. Validation aborted."

    public init(
        schema: GraphQLSchema, document: Document, typeInfo: TypeInfo, maxErrors: Int = 100,
        suggestionsEnabled: Bool = true
    ) {
        self.schema = schema
        self.document = document
        self.typeInfo = typeInfo
        self.maxErrors = maxErrors
        self.suggestionsEnabled = suggestionsEnabled
    }

    // MARK: - Reporting

    /// Records an error. When `maxErrors` errors are already recorded, records
    /// graphql-js's "Too many validation errors" error instead and stops the
    /// walk; later reports are ignored.
    public func report(_ error: GraphQLError) {
        guard !isAborted else { return }
        if errors.count >= maxErrors {
            errors.append(
                GraphQLError(
                    message: Self.tooManyErrorsMessage,
                    extensions: [("code", .string(GraphQLError.Code.validationFailed))]))
            isAborted = true
            walker?.stopAll()
            return
        }
        errors.append(error)
    }

    /// Records a validation error located at the given nodes, with
    /// `extensions.code` `GRAPHQL_VALIDATION_FAILED`.
    public func report(_ message: String, at nodes: [Location]) {
        guard !isAborted else { return }
        let index = lineIndex ?? SourceLineIndex(document.source)
        lineIndex = index
        report(
            GraphQLError(
                message: message, locations: nodes.map { index.location(at: $0.start) },
                extensions: [("code", .string(GraphQLError.Code.validationFailed))]))
    }

    // MARK: - Suggestions

    /// The options close to `input`, best first, as graphql-js suggests them;
    /// empty when suggestions are turned off.
    public func suggestions(for input: String, among options: [String]) -> [String] {
        suggestionsEnabled ? suggestionList(input, options: options) : []
    }

    /// " Did you mean "A" or "B"?" (up to five names), or "" when there are
    /// none or suggestions are turned off. `subMessage` goes between "mean"
    /// and the names ("to use an inline fragment on").
    public func didYouMeanHint(_ suggestions: [String], subMessage: String? = nil) -> String {
        suggestionsEnabled ? didYouMean(suggestions, subMessage: subMessage) : ""
    }

    // MARK: - Where the walk is

    /// The kinds of the nodes enclosing the node being visited, outermost first.
    public var ancestors: [ASTNodeKind] { walker?.ancestors ?? [] }

    public var type: TypeRef? { typeInfo.type }
    public var namedType: GraphQLNamedType? { typeInfo.namedType }
    public var parentType: GraphQLNamedType? { typeInfo.parentType }
    public var fieldDefinition: GraphQLField? { typeInfo.fieldDefinition }
    public var inputType: TypeRef? { typeInfo.inputType }
    public var parentInputType: TypeRef? { typeInfo.parentInputType }
    public var directive: GraphQLDirective? { typeInfo.directive }
    public var argument: GraphQLInputValue? { typeInfo.argument }
    public var enumValue: GraphQLEnumValue? { typeInfo.enumValue }

    // MARK: - Fragments

    /// The fragment definition of that name (the last one, if the name is
    /// defined more than once, as graphql-js).
    public func fragment(named name: String) -> FragmentDefinition? {
        if let fragmentIndex { return fragmentIndex[name] }
        var index: [String: FragmentDefinition] = [:]
        for case .fragment(let fragment) in document.definitions {
            index[fragment.name.value] = fragment
        }
        fragmentIndex = index
        return index[name]
    }

    /// The fragment spreads in a selection set, through inline fragments and
    /// fields, but not into the spread fragments themselves.
    public func fragmentSpreads(in selectionSet: SelectionSet) -> [FragmentSpread] {
        if let cached = spreadsBySelectionSet[selectionSet.loc] { return cached }
        var spreads: [FragmentSpread] = []
        var pending = [selectionSet]
        while let set = pending.popLast() {
            for selection in set.selections {
                switch selection {
                case .fragmentSpread(let spread): spreads.append(spread)
                case .field(let field): if let inner = field.selectionSet { pending.append(inner) }
                case .inlineFragment(let inline): pending.append(inline.selectionSet)
                }
            }
        }
        spreadsBySelectionSet[selectionSet.loc] = spreads
        return spreads
    }

    /// Every defined fragment an operation reaches through spreads, directly
    /// or through other fragments, each once (unknown names are left out).
    public func recursivelyReferencedFragments(of operation: OperationDefinition) -> [FragmentDefinition] {
        if !hasFragments { return [] }
        if let cached = referencedFragments[DefinitionKey(operation)] { return cached }
        var fragments: [FragmentDefinition] = []
        var collected = Set<String>()
        var pending = [operation.selectionSet]
        while let set = pending.popLast() {
            for spread in fragmentSpreads(in: set) where collected.insert(spread.name.value).inserted {
                if let fragment = fragment(named: spread.name.value) {
                    fragments.append(fragment)
                    pending.append(fragment.selectionSet)
                }
            }
        }
        referencedFragments[DefinitionKey(operation)] = fragments
        return fragments
    }

    // MARK: - Variables

    /// The variables used in an operation (outside its variable definitions)
    /// or a fragment, in document order, each with the type expected where it
    /// appears.
    public func variableUsages(in operation: OperationDefinition) -> [VariableUsage] {
        variableUsages(key: DefinitionKey(operation)) { $0.walk(operation) }
    }

    /// The variables used in a fragment, each with the type expected where it appears.
    public func variableUsages(in fragment: FragmentDefinition) -> [VariableUsage] {
        let key = DefinitionKey(fragment)
        // A fragment without variables needs no walk to know it has no usages.
        if usagesByDefinition[key] == nil, !VariableScan.containsVariables(fragment) {
            usagesByDefinition[key] = []
            return []
        }
        return variableUsages(key: key) { $0.walk(fragment) }
    }

    /// The variables used in an operation and in every fragment it reaches:
    /// the operation's own usages first, then each fragment's.
    public func recursiveVariableUsages(of operation: OperationDefinition) -> [VariableUsage] {
        // Without fragments they are the operation's own (already cached).
        if !hasFragments { return variableUsages(in: operation) }
        if let cached = recursiveUsages[DefinitionKey(operation)] { return cached }
        var usages = variableUsages(in: operation)
        for fragment in recursivelyReferencedFragments(of: operation) {
            usages += variableUsages(in: fragment)
        }
        recursiveUsages[DefinitionKey(operation)] = usages
        return usages
    }

    /// Keeps the usages the main walk recorded for a definition it has just
    /// left (see `VariableUsageRecorder`), so no second walk is needed for it.
    fileprivate func record(_ usages: [VariableUsage], for key: DefinitionKey) {
        if usagesByDefinition[key] == nil { usagesByDefinition[key] = usages }
    }

    /// A visitor that records, during the validation's own walk, the variable
    /// usages of each operation and fragment (with the walk's `TypeInfo`),
    /// to be placed first among the visitors. Rules ask for usages when
    /// leaving an operation: its own usages are complete by then, and so are
    /// those of fragments defined before it; only fragments defined after it
    /// need a walk of their own.
    func makeVariableUsageRecorder() -> any ASTVisitor {
        VariableUsageRecorder(context: self)
    }

    private func variableUsages(key: DefinitionKey, walk: (ASTWalker) -> Void) -> [VariableUsage] {
        if let cached = usagesByDefinition[key] { return cached }
        let typeInfo = TypeInfo(schema: schema)
        let collector = VariableUsageCollector(typeInfo: typeInfo)
        walk(ASTWalker(visitors: [collector], helper: typeInfo))
        usagesByDefinition[key] = collector.usages
        return collector.usages
    }
}

/// See `ValidationContext.makeVariableUsageRecorder()`. The same visits as
/// `VariableUsageCollector`, in the main walk, whose `TypeInfo` is in the
/// same state at each node as a fresh one walking the definition alone
/// (its stacks are empty between definitions).
private final class VariableUsageRecorder: ASTVisitor {
    static let visitedKinds: ASTNodeKinds = [.operationDefinition, .fragmentDefinition, .variableDefinition, .variable]

    unowned let context: ValidationContext
    var usages: [VariableUsage] = []

    init(context: ValidationContext) {
        self.context = context
    }

    func enter(_ node: OperationDefinition) -> VisitAction {
        usages = []
        return .continue
    }

    func leave(_ node: OperationDefinition) {
        context.record(usages, for: DefinitionKey(node))
    }

    func enter(_ node: FragmentDefinition) -> VisitAction {
        usages = []
        return .continue
    }

    func leave(_ node: FragmentDefinition) {
        context.record(usages, for: DefinitionKey(node))
    }

    func enter(_ node: VariableDefinition) -> VisitAction { .skip }

    func enter(_ node: Variable) -> VisitAction {
        usages.append(
            VariableUsage(node: node, type: context.typeInfo.inputType, defaultValue: context.typeInfo.defaultValue))
        return .continue
    }
}

/// Tells operations and fragments apart for the caches.
private struct DefinitionKey: Hashable {
    var isFragment: Bool
    var name: String?
    var loc: Location

    init(_ operation: OperationDefinition) {
        isFragment = false
        name = operation.name?.value
        loc = operation.loc
    }

    init(_ fragment: FragmentDefinition) {
        isFragment = true
        name = fragment.name.value
        loc = fragment.loc
    }
}

/// One use of a variable in a value position.
public struct VariableUsage: Sendable, Hashable {
    public var node: Variable
    /// The input type expected there, `nil` when unknown.
    public var type: TypeRef?
    /// The default value of the argument or input field the variable is given
    /// to, `nil` when there is none (or inside a list).
    public var defaultValue: Value?
}

/// Collects variable usages with their expected types; skips variable
/// definitions, whose `$name` is a declaration, not a use.
private final class VariableUsageCollector: ASTVisitor {
    static let visitedKinds: ASTNodeKinds = [.variableDefinition, .variable]

    let typeInfo: TypeInfo
    var usages: [VariableUsage] = []

    init(typeInfo: TypeInfo) {
        self.typeInfo = typeInfo
    }

    func enter(_ node: VariableDefinition) -> VisitAction { .skip }

    func enter(_ node: Variable) -> VisitAction {
        usages.append(VariableUsage(node: node, type: typeInfo.inputType, defaultValue: typeInfo.defaultValue))
        return .continue
    }
}
