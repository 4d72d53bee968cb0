/// Questions about type references that need the schema to answer, as the
/// validation rules and the executor ask them.
extension GraphQLSchema {
    /// The named type at the bottom of a reference (`[User!]!` → `User`).
    public func namedType(of ref: TypeRef) -> GraphQLNamedType? {
        type(named: ref.namedTypeName)
    }

    /// https://spec.graphql.org/October2021/#IsInputType()
    public func isInputType(_ ref: TypeRef) -> Bool { namedType(of: ref)?.isInputType ?? false }

    /// https://spec.graphql.org/October2021/#IsOutputType()
    public func isOutputType(_ ref: TypeRef) -> Bool { namedType(of: ref)?.isOutputType ?? false }

    /// A scalar or enum, unwrapped from no list (non-null allowed).
    public func isLeafType(_ ref: TypeRef) -> Bool {
        guard case .named(let name) = ref.nullable else { return false }
        return type(named: name)?.isLeafType ?? false
    }

    /// An object, interface or union, not wrapped.
    public func isCompositeType(_ ref: TypeRef) -> Bool {
        guard case .named(let name) = ref else { return false }
        return type(named: name)?.isCompositeType ?? false
    }

    /// An interface or union, not wrapped.
    public func isAbstractType(_ ref: TypeRef) -> Bool {
        guard case .named(let name) = ref else { return false }
        return type(named: name)?.isAbstractType ?? false
    }

    /// Whether a value of type `maybeSubType` is always a valid value of
    /// `superType` (covariance: non-null narrows nullable, an object or
    /// interface narrows an abstract type that contains it).
    public func isTypeSubTypeOf(_ maybeSubType: TypeRef, _ superType: TypeRef) -> Bool {
        if maybeSubType == superType { return true }
        if case .nonNull(let superInner) = superType {
            if case .nonNull(let subInner) = maybeSubType { return isTypeSubTypeOf(subInner, superInner) }
            return false
        }
        if case .nonNull(let subInner) = maybeSubType { return isTypeSubTypeOf(subInner, superType) }
        if case .list(let superItem) = superType {
            if case .list(let subItem) = maybeSubType { return isTypeSubTypeOf(subItem, superItem) }
            return false
        }
        if case .list = maybeSubType { return false }
        guard let superNamed = namedType(of: superType), superNamed.isAbstractType,
            let subNamed = namedType(of: maybeSubType)
        else { return false }
        switch subNamed {
        case .object, .interface: return isSubType(superNamed, subNamed)
        default: return false
        }
    }

    /// Whether two composite types could describe the same object at run time:
    /// equal, or abstract and sharing a possible type. Symmetric.
    public func doTypesOverlap(_ a: GraphQLNamedType, _ b: GraphQLNamedType) -> Bool {
        if a == b { return true }
        if a.isAbstractType {
            if b.isAbstractType {
                return possibleTypes(of: a).contains { isSubType(b, .object($0)) }
            }
            return isSubType(a, b)
        }
        if b.isAbstractType { return isSubType(b, a) }
        return false
    }

    /// The field of that name on an object or interface type (no meta-fields).
    public func field(_ fieldName: String, on typeName: String) -> GraphQLField? {
        type(named: typeName)?.field(named: fieldName)
    }
}

extension TypeRef {
    /// The reference for an AST type (`[Int!]` as parsed).
    public init(_ node: TypeReference) {
        switch node {
        case .named(let named): self = .named(named.name.value)
        case .list(let list): self = .list(TypeRef(list.type))
        case .nonNull(let nonNull): self = .nonNull(TypeRef(nonNull.type))
        }
    }
}

extension GraphQLSchema {
    /// The definition of a field selected on `parentType`, meta-fields included:
    /// `__schema` and `__type` on the query root type, `__typename` on any
    /// object, interface or union (graphql-js's `getFieldDef`).
    /// https://spec.graphql.org/October2021/#sec-Type-Name-Introspection
    public func fieldDefinition(named fieldName: String, on parentType: GraphQLNamedType) -> GraphQLField? {
        // Only names starting with "__" can be meta-fields: skip the string compares.
        if fieldName.utf8.first != UInt8(ascii: "_") { return parentType.field(named: fieldName) }
        switch fieldName {
        case IntrospectionTypes.schemaMetaField.name where parentType.name == queryTypeName:
            return IntrospectionTypes.schemaMetaField
        case IntrospectionTypes.typeMetaField.name where parentType.name == queryTypeName:
            return IntrospectionTypes.typeMetaField
        case IntrospectionTypes.typeNameMetaField.name where parentType.isCompositeType:
            return IntrospectionTypes.typeNameMetaField
        default:
            return parentType.field(named: fieldName)
        }
    }
}
