/// What a visitor wants after entering a node.
public enum VisitAction: Sendable, Hashable {
    /// Visit the node's children, then call `leave` for it.
    case `continue`
    /// Do not visit the node's children and do not call `leave` for this node;
    /// other visitors walking in the same pass are not affected.
    case skip
    /// Stop calling this visitor for the rest of the walk.
    case `break`
}

/// The kind of an AST node, as kept in `ASTWalker.ancestors`. `Name` nodes are
/// not visited and so have no kind here.
public enum ASTNodeKind: Int, Sendable, Hashable, CaseIterable {

    case document
    case operationDefinition
    case variableDefinition
    case selectionSet
    case field
    case argument
    case fragmentSpread
    case inlineFragment
    case fragmentDefinition
    case directive
    case variable
    case intValue
    case floatValue
    case stringValue
    case booleanValue
    case nullValue
    case enumValue
    case listValue
    case objectValue
    case objectField
    case namedType
    case listType
    case nonNullType
    case schemaDefinition
    case operationTypeDefinition
    case scalarTypeDefinition
    case objectTypeDefinition
    case fieldDefinition
    case inputValueDefinition
    case interfaceTypeDefinition
    case unionTypeDefinition
    case enumTypeDefinition
    case enumValueDefinition
    case inputObjectTypeDefinition
    case directiveDefinition
    case schemaExtension
    case scalarTypeExtension
    case objectTypeExtension
    case interfaceTypeExtension
    case unionTypeExtension
    case enumTypeExtension
    case inputObjectTypeExtension
}

/// A typed AST visitor: one `enter`/`leave` pair per node kind, each doing
/// nothing by default, so a validation rule implements only what it needs.
/// `ASTWalker` drives any number of visitors through one traversal.
///
/// Implement the methods with exactly these signatures (an `enter` that
/// returns nothing, for example, would be a new overload the walker never calls).
/// `Name` nodes are not visited; read them from their parent node.
/// Descriptions are visited as `StringValue`s, as graphql-js does.
///
/// Visitors are classes because rules keep state across calls.
///
/// `visitedKinds` names the node kinds whose `enter` or `leave` a visitor
/// implements; the walker calls it for those kinds only (see `ASTNodeKinds`).
public protocol ASTVisitor: AnyObject {

    /// The kinds of the nodes this visitor implements `enter` or `leave` for.
    /// The default, `.all`, is always right; a smaller set spares the calls
    /// into the empty default methods (validation runs 26 rules over every
    /// node). A kind left out is never visited, so the set must cover every
    /// method the visitor implements (the specified rules are checked by a test).
    static var visitedKinds: ASTNodeKinds { get }

    func enter(_ node: Document) -> VisitAction
    func leave(_ node: Document)
    func enter(_ node: OperationDefinition) -> VisitAction
    func leave(_ node: OperationDefinition)
    func enter(_ node: VariableDefinition) -> VisitAction
    func leave(_ node: VariableDefinition)
    func enter(_ node: SelectionSet) -> VisitAction
    func leave(_ node: SelectionSet)
    func enter(_ node: Field) -> VisitAction
    func leave(_ node: Field)
    func enter(_ node: Argument) -> VisitAction
    func leave(_ node: Argument)
    func enter(_ node: FragmentSpread) -> VisitAction
    func leave(_ node: FragmentSpread)
    func enter(_ node: InlineFragment) -> VisitAction
    func leave(_ node: InlineFragment)
    func enter(_ node: FragmentDefinition) -> VisitAction
    func leave(_ node: FragmentDefinition)
    func enter(_ node: Directive) -> VisitAction
    func leave(_ node: Directive)
    func enter(_ node: Variable) -> VisitAction
    func leave(_ node: Variable)
    func enter(_ node: IntValue) -> VisitAction
    func leave(_ node: IntValue)
    func enter(_ node: FloatValue) -> VisitAction
    func leave(_ node: FloatValue)
    func enter(_ node: StringValue) -> VisitAction
    func leave(_ node: StringValue)
    func enter(_ node: BooleanValue) -> VisitAction
    func leave(_ node: BooleanValue)
    func enter(_ node: NullValue) -> VisitAction
    func leave(_ node: NullValue)
    func enter(_ node: EnumValue) -> VisitAction
    func leave(_ node: EnumValue)
    func enter(_ node: ListValue) -> VisitAction
    func leave(_ node: ListValue)
    func enter(_ node: ObjectValue) -> VisitAction
    func leave(_ node: ObjectValue)
    func enter(_ node: ObjectField) -> VisitAction
    func leave(_ node: ObjectField)
    func enter(_ node: NamedType) -> VisitAction
    func leave(_ node: NamedType)
    func enter(_ node: ListType) -> VisitAction
    func leave(_ node: ListType)
    func enter(_ node: NonNullType) -> VisitAction
    func leave(_ node: NonNullType)
    func enter(_ node: SchemaDefinition) -> VisitAction
    func leave(_ node: SchemaDefinition)
    func enter(_ node: OperationTypeDefinition) -> VisitAction
    func leave(_ node: OperationTypeDefinition)
    func enter(_ node: ScalarTypeDefinition) -> VisitAction
    func leave(_ node: ScalarTypeDefinition)
    func enter(_ node: ObjectTypeDefinition) -> VisitAction
    func leave(_ node: ObjectTypeDefinition)
    func enter(_ node: FieldDefinition) -> VisitAction
    func leave(_ node: FieldDefinition)
    func enter(_ node: InputValueDefinition) -> VisitAction
    func leave(_ node: InputValueDefinition)
    func enter(_ node: InterfaceTypeDefinition) -> VisitAction
    func leave(_ node: InterfaceTypeDefinition)
    func enter(_ node: UnionTypeDefinition) -> VisitAction
    func leave(_ node: UnionTypeDefinition)
    func enter(_ node: EnumTypeDefinition) -> VisitAction
    func leave(_ node: EnumTypeDefinition)
    func enter(_ node: EnumValueDefinition) -> VisitAction
    func leave(_ node: EnumValueDefinition)
    func enter(_ node: InputObjectTypeDefinition) -> VisitAction
    func leave(_ node: InputObjectTypeDefinition)
    func enter(_ node: DirectiveDefinition) -> VisitAction
    func leave(_ node: DirectiveDefinition)
    func enter(_ node: SchemaExtension) -> VisitAction
    func leave(_ node: SchemaExtension)
    func enter(_ node: ScalarTypeExtension) -> VisitAction
    func leave(_ node: ScalarTypeExtension)
    func enter(_ node: ObjectTypeExtension) -> VisitAction
    func leave(_ node: ObjectTypeExtension)
    func enter(_ node: InterfaceTypeExtension) -> VisitAction
    func leave(_ node: InterfaceTypeExtension)
    func enter(_ node: UnionTypeExtension) -> VisitAction
    func leave(_ node: UnionTypeExtension)
    func enter(_ node: EnumTypeExtension) -> VisitAction
    func leave(_ node: EnumTypeExtension)
    func enter(_ node: InputObjectTypeExtension) -> VisitAction
    func leave(_ node: InputObjectTypeExtension)
}

extension ASTVisitor {
    public static var visitedKinds: ASTNodeKinds { .all }

    public func enter(_ node: Document) -> VisitAction { .continue }
    public func leave(_ node: Document) {}
    public func enter(_ node: OperationDefinition) -> VisitAction { .continue }
    public func leave(_ node: OperationDefinition) {}
    public func enter(_ node: VariableDefinition) -> VisitAction { .continue }
    public func leave(_ node: VariableDefinition) {}
    public func enter(_ node: SelectionSet) -> VisitAction { .continue }
    public func leave(_ node: SelectionSet) {}
    public func enter(_ node: Field) -> VisitAction { .continue }
    public func leave(_ node: Field) {}
    public func enter(_ node: Argument) -> VisitAction { .continue }
    public func leave(_ node: Argument) {}
    public func enter(_ node: FragmentSpread) -> VisitAction { .continue }
    public func leave(_ node: FragmentSpread) {}
    public func enter(_ node: InlineFragment) -> VisitAction { .continue }
    public func leave(_ node: InlineFragment) {}
    public func enter(_ node: FragmentDefinition) -> VisitAction { .continue }
    public func leave(_ node: FragmentDefinition) {}
    public func enter(_ node: Directive) -> VisitAction { .continue }
    public func leave(_ node: Directive) {}
    public func enter(_ node: Variable) -> VisitAction { .continue }
    public func leave(_ node: Variable) {}
    public func enter(_ node: IntValue) -> VisitAction { .continue }
    public func leave(_ node: IntValue) {}
    public func enter(_ node: FloatValue) -> VisitAction { .continue }
    public func leave(_ node: FloatValue) {}
    public func enter(_ node: StringValue) -> VisitAction { .continue }
    public func leave(_ node: StringValue) {}
    public func enter(_ node: BooleanValue) -> VisitAction { .continue }
    public func leave(_ node: BooleanValue) {}
    public func enter(_ node: NullValue) -> VisitAction { .continue }
    public func leave(_ node: NullValue) {}
    public func enter(_ node: EnumValue) -> VisitAction { .continue }
    public func leave(_ node: EnumValue) {}
    public func enter(_ node: ListValue) -> VisitAction { .continue }
    public func leave(_ node: ListValue) {}
    public func enter(_ node: ObjectValue) -> VisitAction { .continue }
    public func leave(_ node: ObjectValue) {}
    public func enter(_ node: ObjectField) -> VisitAction { .continue }
    public func leave(_ node: ObjectField) {}
    public func enter(_ node: NamedType) -> VisitAction { .continue }
    public func leave(_ node: NamedType) {}
    public func enter(_ node: ListType) -> VisitAction { .continue }
    public func leave(_ node: ListType) {}
    public func enter(_ node: NonNullType) -> VisitAction { .continue }
    public func leave(_ node: NonNullType) {}
    public func enter(_ node: SchemaDefinition) -> VisitAction { .continue }
    public func leave(_ node: SchemaDefinition) {}
    public func enter(_ node: OperationTypeDefinition) -> VisitAction { .continue }
    public func leave(_ node: OperationTypeDefinition) {}
    public func enter(_ node: ScalarTypeDefinition) -> VisitAction { .continue }
    public func leave(_ node: ScalarTypeDefinition) {}
    public func enter(_ node: ObjectTypeDefinition) -> VisitAction { .continue }
    public func leave(_ node: ObjectTypeDefinition) {}
    public func enter(_ node: FieldDefinition) -> VisitAction { .continue }
    public func leave(_ node: FieldDefinition) {}
    public func enter(_ node: InputValueDefinition) -> VisitAction { .continue }
    public func leave(_ node: InputValueDefinition) {}
    public func enter(_ node: InterfaceTypeDefinition) -> VisitAction { .continue }
    public func leave(_ node: InterfaceTypeDefinition) {}
    public func enter(_ node: UnionTypeDefinition) -> VisitAction { .continue }
    public func leave(_ node: UnionTypeDefinition) {}
    public func enter(_ node: EnumTypeDefinition) -> VisitAction { .continue }
    public func leave(_ node: EnumTypeDefinition) {}
    public func enter(_ node: EnumValueDefinition) -> VisitAction { .continue }
    public func leave(_ node: EnumValueDefinition) {}
    public func enter(_ node: InputObjectTypeDefinition) -> VisitAction { .continue }
    public func leave(_ node: InputObjectTypeDefinition) {}
    public func enter(_ node: DirectiveDefinition) -> VisitAction { .continue }
    public func leave(_ node: DirectiveDefinition) {}
    public func enter(_ node: SchemaExtension) -> VisitAction { .continue }
    public func leave(_ node: SchemaExtension) {}
    public func enter(_ node: ScalarTypeExtension) -> VisitAction { .continue }
    public func leave(_ node: ScalarTypeExtension) {}
    public func enter(_ node: ObjectTypeExtension) -> VisitAction { .continue }
    public func leave(_ node: ObjectTypeExtension) {}
    public func enter(_ node: InterfaceTypeExtension) -> VisitAction { .continue }
    public func leave(_ node: InterfaceTypeExtension) {}
    public func enter(_ node: UnionTypeExtension) -> VisitAction { .continue }
    public func leave(_ node: UnionTypeExtension) {}
    public func enter(_ node: EnumTypeExtension) -> VisitAction { .continue }
    public func leave(_ node: EnumTypeExtension) {}
    public func enter(_ node: InputObjectTypeExtension) -> VisitAction { .continue }
    public func leave(_ node: InputObjectTypeExtension) {}
}
