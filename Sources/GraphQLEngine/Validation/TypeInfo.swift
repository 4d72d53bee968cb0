/// Where the walk stands in the schema: the type of the selection set being
/// visited, the field, argument, directive or enum value at hand, and the input
/// type an argument or literal is expected to have.
///
/// It follows graphql-js's `TypeInfo`: each piece is `nil` when the document
/// names something the schema lacks (an unknown field, an argument of an
/// unknown directive...), so rules can tell "unknown" from "known" and leave
/// reporting the unknown name to the rule in charge of it.
///
/// `ASTWalker` calls a `TypeInfo` passed as its `helper` before the rules when
/// entering a node and after them when leaving it, so during a rule's `enter`
/// or `leave` the state describes that very node (for a `Field`: its parent
/// type, its definition and its type).
public final class TypeInfo: ASTVisitor {
    public let schema: GraphQLSchema

    // Exclusivity is not checked at run time for this state (the checks were
    // a tenth of validating a small query): only the walker mutates it, by
    // calling `enter` and `leave` on one thread, and rules read it between
    // those calls, never while a mutation is in progress.
    @exclusivity(unchecked) private var typeStack: [TypeRef?] = []
    /// The named type of each entry of `typeStack` (nil where that is nil),
    /// looked up once when pushed.
    @exclusivity(unchecked) private var namedTypeStack: [GraphQLNamedType?] = []
    @exclusivity(unchecked) private var parentTypeStack: [GraphQLNamedType?] = []
    @exclusivity(unchecked) private var inputTypeStack: [TypeRef?] = []
    @exclusivity(unchecked) private var fieldDefinitionStack: [GraphQLField?] = []
    @exclusivity(unchecked) private var defaultValueStack: [Value?] = []

    /// The directive being visited (inside a `Directive` node), if the schema defines it.
    @exclusivity(unchecked) public private(set) var directive: GraphQLDirective?
    /// The definition of the argument being visited, if known.
    @exclusivity(unchecked) public private(set) var argument: GraphQLInputValue?
    /// The definition of the enum value literal being visited, if known.
    @exclusivity(unchecked) public private(set) var enumValue: GraphQLEnumValue?

    public init(schema: GraphQLSchema) {
        self.schema = schema
        typeStack.reserveCapacity(32)
        namedTypeStack.reserveCapacity(32)
        parentTypeStack.reserveCapacity(32)
        fieldDefinitionStack.reserveCapacity(32)
    }

    /// The output type of the current field, or the root type of an operation,
    /// or a fragment's type condition; `nil` when unknown.
    public var type: TypeRef? { typeStack.last ?? nil }

    /// The schema's named type of `type` (for `[T!]`, `T`); `nil` when unknown.
    public var namedType: GraphQLNamedType? { namedTypeStack.last ?? nil }

    /// The composite type whose selection set is being visited (the type that
    /// owns the current field), `nil` when unknown or not composite.
    public var parentType: GraphQLNamedType? { parentTypeStack.last ?? nil }

    /// The definition of the current field (meta-fields included), `nil` when unknown.
    public var fieldDefinition: GraphQLField? { fieldDefinitionStack.last ?? nil }

    /// The input type expected at the current argument, variable definition,
    /// list item or object field, `nil` when unknown.
    public var inputType: TypeRef? { inputTypeStack.last ?? nil }

    /// The input type enclosing the current one (the list or input object a
    /// value sits in), `nil` when unknown.
    public var parentInputType: TypeRef? {
        inputTypeStack.count > 1 ? inputTypeStack[inputTypeStack.count - 2] : nil
    }

    /// The default value (as written in SDL) of the argument or input field
    /// being visited; `nil` when it has none or is unknown, and always `nil`
    /// inside a list.
    public var defaultValue: Value? { defaultValueStack.last ?? nil }

    // MARK: - Tracking

    /// `type` as a named type of the schema, for resolving `TypeRef`s that
    /// must name an existing type of some kind.
    private func namedType(of ref: TypeRef?) -> GraphQLNamedType? {
        guard let ref else { return nil }
        return schema.type(named: ref.namedTypeName)
    }

    /// Pushes the reference, with its named type, if it names an output type
    /// of the schema; else pushes nil.
    private func pushOutputType(_ ref: TypeRef?) {
        guard let ref, let named = schema.type(named: ref.namedTypeName), named.isOutputType else {
            typeStack.append(nil)
            namedTypeStack.append(nil)
            return
        }
        typeStack.append(ref)
        namedTypeStack.append(named)
    }

    private func popType() {
        typeStack.removeLast()
        namedTypeStack.removeLast()
    }

    /// The reference if it names an input type of the schema.
    private func inputType(_ ref: TypeRef?) -> TypeRef? {
        guard let ref, let named = schema.type(named: ref.namedTypeName), named.isInputType else { return nil }
        return ref
    }

    public func enter(_ node: SelectionSet) -> VisitAction {
        let named = namedType
        parentTypeStack.append(named?.isCompositeType == true ? named : nil)
        return .continue
    }

    public func leave(_ node: SelectionSet) {
        parentTypeStack.removeLast()
    }

    public func enter(_ node: Field) -> VisitAction {
        var definition: GraphQLField?
        if let parentType {
            definition = schema.fieldDefinition(named: node.name.value, on: parentType)
        }
        fieldDefinitionStack.append(definition)
        pushOutputType(definition?.type)
        return .continue
    }

    public func leave(_ node: Field) {
        fieldDefinitionStack.removeLast()
        popType()
    }

    public func enter(_ node: Directive) -> VisitAction {
        directive = schema.directive(named: node.name.value)
        return .continue
    }

    public func leave(_ node: Directive) {
        directive = nil
    }

    public func enter(_ node: OperationDefinition) -> VisitAction {
        let root = schema.rootType(for: node.operation)
        typeStack.append(root.map { TypeRef.named($0.name) })
        namedTypeStack.append(root.map { .object($0) })
        return .continue
    }

    public func leave(_ node: OperationDefinition) {
        popType()
    }

    public func enter(_ node: InlineFragment) -> VisitAction {
        if let condition = node.typeCondition {
            pushOutputType(.named(condition.name.value))
        } else {
            // No condition: the fragment keeps the enclosing type, unwrapped.
            pushOutputType(type.map { .named($0.namedTypeName) })
        }
        return .continue
    }

    public func leave(_ node: InlineFragment) {
        popType()
    }

    public func enter(_ node: FragmentDefinition) -> VisitAction {
        pushOutputType(.named(node.typeCondition.name.value))
        return .continue
    }

    public func leave(_ node: FragmentDefinition) {
        popType()
    }

    public func enter(_ node: VariableDefinition) -> VisitAction {
        inputTypeStack.append(inputType(TypeRef(node.type)))
        return .continue
    }

    public func leave(_ node: VariableDefinition) {
        inputTypeStack.removeLast()
    }

    public func enter(_ node: Argument) -> VisitAction {
        var definition: GraphQLInputValue?
        if let directive {
            definition = directive.argument(named: node.name.value)
        } else if let fieldDefinition {
            definition = fieldDefinition.argument(named: node.name.value)
        }
        argument = definition
        defaultValueStack.append(definition?.defaultValue)
        inputTypeStack.append(inputType(definition?.type))
        return .continue
    }

    public func leave(_ node: Argument) {
        argument = nil
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    public func enter(_ node: ListValue) -> VisitAction {
        // Inside a list the item type is expected; a list literal given for a
        // non-list type keeps that type (input coercion wraps single values).
        let expected = inputType?.nullable
        let item = expected?.listItemType ?? expected
        defaultValueStack.append(nil)
        inputTypeStack.append(inputType(item))
        return .continue
    }

    public func leave(_ node: ListValue) {
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    public func enter(_ node: ObjectField) -> VisitAction {
        var field: GraphQLInputValue?
        if case .inputObject(let object)? = namedType(of: inputType) {
            field = object.field(named: node.name.value)
        }
        defaultValueStack.append(field?.defaultValue)
        inputTypeStack.append(inputType(field?.type))
        return .continue
    }

    public func leave(_ node: ObjectField) {
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    public func enter(_ node: EnumValue) -> VisitAction {
        if case .enumType(let enumType)? = namedType(of: inputType) {
            enumValue = enumType.value(named: node.value)
        } else {
            enumValue = nil
        }
        return .continue
    }

    public func leave(_ node: EnumValue) {
        enumValue = nil
    }
}
