/// The spec's type-system validation of a built schema, with graphql-js 16's
/// messages (`validateSchema`) and locations:
/// - root operation types are object types, and there is a query type;
/// - no name of a type, field, argument, enum value or directive starts with
///   `__` (reserved for introspection);
/// - objects and interfaces have fields of output types whose arguments are of
///   input types, and implement their interfaces correctly (every interface
///   field present with a covariant type, its arguments present with equal
///   types, extra arguments optional, interfaces of interfaces implemented
///   too, no cycles);
/// - unions have object members, each once; enums have values;
/// - input objects have fields of input types and no cycle of non-null fields;
/// - required arguments and input fields are not deprecated.
/// https://spec.graphql.org/October2021/#sec-Type-System (the "Type Validation"
/// sub-sections of each kind of type).
///
/// The result is computed once per schema and kept (`GraphQLSchema.validationErrors`).
public func validateSchema(_ schema: GraphQLSchema) -> [GraphQLError] {
    schema.validationErrors
}

struct SchemaValidator {
    let schema: GraphQLSchema
    var errors: [GraphQLError] = []

    init(schema: GraphQLSchema) {
        self.schema = schema
    }

    /// Runs every check on a schema (uncached; see `validateSchema(_:)`).
    static func errors(of schema: GraphQLSchema) -> [GraphQLError] {
        var validator = SchemaValidator(schema: schema)
        validator.validateRootTypes()
        validator.validateDirectives()
        validator.validateTypes()
        return validator.errors
    }

    // MARK: Roots

    mutating func validateRootTypes() {
        let roots: [(OperationType, String?, String, String)] = [
            (.query, schema.queryTypeName, "Query root type must be Object type, it cannot be", ""),
            (
                .mutation, schema.mutationTypeName, "Mutation root type must be Object type if provided, it cannot be",
                ""
            ),
            (
                .subscription, schema.subscriptionTypeName,
                "Subscription root type must be Object type if provided, it cannot be", ""
            ),
        ]
        for (operation, name, message, _) in roots {
            guard let name, let type = schema.type(named: name) else {
                if operation == .query {
                    report("Query root type must be provided.", [schema.astNode?.loc])
                }
                continue
            }
            if case .object = type { continue }
            let operationNode =
                ([schema.astNode?.operationTypes ?? []] + schema.extensionASTNodes.map(\.operationTypes))
                .flatMap { $0 }.first { $0.operation == operation }
            report("\(message) \(name).", [operationNode?.type.loc ?? definitionLocation(of: type)])
        }
    }

    // MARK: Directives

    mutating func validateDirectives() {
        for directive in schema.directives {
            validateName(directive.name, directive.astNode?.loc)
            for argument in directive.arguments {
                validateName(argument.name, argument.astNode?.loc)
                if !schema.isInputType(argument.type) {
                    report(
                        "The type of @\(directive.name)(\(argument.name):) must be Input Type but got: \(argument.type).",
                        [argument.astNode?.loc])
                }
                if argument.isRequired && argument.isDeprecated {
                    report(
                        "Required argument @\(directive.name)(\(argument.name):) cannot be deprecated.",
                        [deprecatedDirectiveLocation(argument.astNode?.directives), argument.astNode?.type.loc])
                }
            }
        }
    }

    // MARK: Types

    mutating func validateTypes() {
        var cycles = InputCycleDetector()
        for type in schema.types {
            if !IntrospectionTypes.isIntrospectionTypeName(type.name) {
                validateName(type.name, definitionLocation(of: type))
            }
            switch type {
            case .object(let object):
                validateFields(
                    of: type, object.fields, nodes: [object.astNode?.loc] + object.extensionASTNodes.map(\.loc))
                validateInterfaces(of: type)
            case .interface(let interface):
                validateFields(
                    of: type, interface.fields, nodes: [interface.astNode?.loc] + interface.extensionASTNodes.map(\.loc)
                )
                validateInterfaces(of: type)
            case .union(let union):
                validateUnionMembers(union)
            case .enumType(let enumType):
                if enumType.values.isEmpty {
                    report(
                        "Enum type \(enumType.name) must define one or more values.",
                        [enumType.astNode?.loc] + enumType.extensionASTNodes.map(\.loc))
                }
                for value in enumType.values { validateName(value.name, value.astNode?.loc) }
            case .inputObject(let input):
                validateInputFields(input)
                cycles.check(input, in: schema, validator: &self)
            case .scalar:
                break
            }
        }
    }

    private mutating func validateFields(of type: GraphQLNamedType, _ fields: [GraphQLField], nodes: [Location?]) {
        if fields.isEmpty {
            report("Type \(type.name) must define one or more fields.", nodes)
        }
        for field in fields {
            validateName(field.name, field.astNode?.loc)
            if !schema.isOutputType(field.type) {
                report(
                    "The type of \(type.name).\(field.name) must be Output Type but got: \(field.type).",
                    [field.astNode?.type.loc])
            }
            for argument in field.arguments {
                validateName(argument.name, argument.astNode?.loc)
                if !schema.isInputType(argument.type) {
                    report(
                        "The type of \(type.name).\(field.name)(\(argument.name):) must be Input Type but got: \(argument.type).",
                        [argument.astNode?.type.loc])
                }
                if argument.isRequired && argument.isDeprecated {
                    report(
                        "Required argument \(type.name).\(field.name)(\(argument.name):) cannot be deprecated.",
                        [deprecatedDirectiveLocation(argument.astNode?.directives), argument.astNode?.type.loc])
                }
            }
        }
    }

    private mutating func validateInterfaces(of type: GraphQLNamedType) {
        var seen = Set<String>()
        for interfaceName in type.interfaces {
            guard let candidate = schema.type(named: interfaceName) else { continue }
            guard case .interface(let interface) = candidate else {
                report(
                    "Type \(type.name) must only implement Interface types, it cannot implement \(interfaceName).",
                    implementsNodes(of: type, interfaceName))
                continue
            }
            if type.name == interface.name {
                report(
                    "Type \(type.name) cannot implement itself because it would create a circular reference.",
                    implementsNodes(of: type, interfaceName))
                continue
            }
            if !seen.insert(interfaceName).inserted {
                report(
                    "Type \(type.name) can only implement \(interfaceName) once.",
                    implementsNodes(of: type, interfaceName))
                continue
            }
            validateImplementsAncestors(type, interface)
            validateImplementsInterface(type, interface)
        }
    }

    private mutating func validateImplementsInterface(_ type: GraphQLNamedType, _ interface: InterfaceType) {
        for interfaceField in interface.fields {
            let fieldName = interfaceField.name
            guard let typeField = type.field(named: fieldName) else {
                report(
                    "Interface field \(interface.name).\(fieldName) expected but \(type.name) does not provide it.",
                    [interfaceField.astNode?.loc] + definitionAndExtensionLocations(of: type))
                continue
            }
            if !schema.isTypeSubTypeOf(typeField.type, interfaceField.type) {
                report(
                    "Interface field \(interface.name).\(fieldName) expects type \(interfaceField.type) but \(type.name).\(fieldName) is type \(typeField.type).",
                    [interfaceField.astNode?.type.loc, typeField.astNode?.type.loc])
            }
            for interfaceArgument in interfaceField.arguments {
                let argumentName = interfaceArgument.name
                guard let typeArgument = typeField.argument(named: argumentName) else {
                    report(
                        "Interface field argument \(interface.name).\(fieldName)(\(argumentName):) expected but \(type.name).\(fieldName) does not provide it.",
                        [interfaceArgument.astNode?.loc, typeField.astNode?.loc])
                    continue
                }
                if interfaceArgument.type != typeArgument.type {
                    report(
                        "Interface field argument \(interface.name).\(fieldName)(\(argumentName):) expects type \(interfaceArgument.type) but \(type.name).\(fieldName)(\(argumentName):) is type \(typeArgument.type).",
                        [interfaceArgument.astNode?.type.loc, typeArgument.astNode?.type.loc])
                }
            }
            for typeArgument in typeField.arguments
            where typeArgument.isRequired && interfaceField.argument(named: typeArgument.name) == nil {
                report(
                    "Object field \(type.name).\(fieldName) includes required argument \(typeArgument.name) that is missing from the Interface field \(interface.name).\(fieldName).",
                    [typeArgument.astNode?.loc, interfaceField.astNode?.loc])
            }
        }
    }

    private mutating func validateImplementsAncestors(_ type: GraphQLNamedType, _ interface: InterfaceType) {
        let declared = type.interfaces
        for transitive in interface.interfaces where !declared.contains(transitive) {
            let message =
                transitive == type.name
                ? "Type \(type.name) cannot implement \(interface.name) because it would create a circular reference."
                : "Type \(type.name) must implement \(transitive) because it is implemented by \(interface.name)."
            report(
                message,
                implementsNodes(of: .interface(interface), transitive) + implementsNodes(of: type, interface.name))
        }
    }

    private mutating func validateUnionMembers(_ union: UnionType) {
        if union.types.isEmpty {
            report(
                "Union type \(union.name) must define one or more member types.",
                [union.astNode?.loc] + union.extensionASTNodes.map(\.loc))
        }
        var seen = Set<String>()
        for member in union.types {
            if !seen.insert(member).inserted {
                report("Union type \(union.name) can only include type \(member) once.", memberNodes(of: union, member))
                continue
            }
            if case .object = schema.type(named: member) { continue }
            report(
                "Union type \(union.name) can only include Object types, it cannot include \(member).",
                memberNodes(of: union, member))
        }
    }

    private mutating func validateInputFields(_ input: InputObjectType) {
        if input.fields.isEmpty {
            report(
                "Input Object type \(input.name) must define one or more fields.",
                [input.astNode?.loc] + input.extensionASTNodes.map(\.loc))
        }
        for field in input.fields {
            validateName(field.name, field.astNode?.loc)
            if !schema.isInputType(field.type) {
                report(
                    "The type of \(input.name).\(field.name) must be Input Type but got: \(field.type).",
                    [field.astNode?.type.loc])
            }
            if field.isRequired && field.isDeprecated {
                report(
                    "Required input field \(input.name).\(field.name) cannot be deprecated.",
                    [deprecatedDirectiveLocation(field.astNode?.directives), field.astNode?.type.loc])
            }
        }
    }

    // MARK: Helpers

    private mutating func validateName(_ name: String, _ location: Location?) {
        if name.hasPrefix("__") {
            report(
                "Name \"\(name)\" must not begin with \"__\", which is reserved by GraphQL introspection.", [location])
        }
    }

    mutating func report(_ message: String, _ locations: [Location?]) {
        let present = locations.compactMap { $0 }
        if let source = schema.source {
            errors.append(GraphQLError(message: message, nodes: present, source: source))
        } else {
            errors.append(GraphQLError(message: message))
        }
    }

    private func deprecatedDirectiveLocation(_ directives: [Directive]?) -> Location? {
        directives?.first { $0.name.value == BuiltInDirectives.deprecated.name }?.loc
    }

    private func definitionLocation(of type: GraphQLNamedType) -> Location? {
        switch type {
        case .scalar(let t): return t.astNode?.loc
        case .object(let t): return t.astNode?.loc
        case .interface(let t): return t.astNode?.loc
        case .union(let t): return t.astNode?.loc
        case .enumType(let t): return t.astNode?.loc
        case .inputObject(let t): return t.astNode?.loc
        }
    }

    private func definitionAndExtensionLocations(of type: GraphQLNamedType) -> [Location?] {
        switch type {
        case .object(let t): return [t.astNode?.loc] + t.extensionASTNodes.map(\.loc)
        case .interface(let t): return [t.astNode?.loc] + t.extensionASTNodes.map(\.loc)
        default: return [definitionLocation(of: type)]
        }
    }

    /// Every `implements` entry naming `interfaceName` in the type's definition and extensions.
    private func implementsNodes(of type: GraphQLNamedType, _ interfaceName: String) -> [Location?] {
        let lists: [[NamedType]]
        switch type {
        case .object(let t): lists = [t.astNode?.interfaces ?? []] + t.extensionASTNodes.map(\.interfaces)
        case .interface(let t): lists = [t.astNode?.interfaces ?? []] + t.extensionASTNodes.map(\.interfaces)
        default: lists = []
        }
        return lists.flatMap { $0 }.filter { $0.name.value == interfaceName }.map(\.loc)
    }

    /// Every member entry naming `typeName` in the union's definition and extensions.
    private func memberNodes(of union: UnionType, _ typeName: String) -> [Location?] {
        let lists = [union.astNode?.types ?? []] + union.extensionASTNodes.map(\.types)
        return lists.flatMap { $0 }.filter { $0.name.value == typeName }.map(\.loc)
    }
}

/// Finds input objects that contain themselves through non-null fields, which
/// no finite value could satisfy
/// (https://spec.graphql.org/October2021/#sec-Input-Objects.Circular-References).
/// A depth-first walk that visits each input object once overall and reports
/// each cycle once, naming the fields along it.
private struct InputCycleDetector {
    private var visited = Set<String>()
    private var path: [GraphQLInputValue] = []
    private var pathIndexByType: [String: Int] = [:]

    mutating func check(_ input: InputObjectType, in schema: GraphQLSchema, validator: inout SchemaValidator) {
        guard visited.insert(input.name).inserted else { return }
        pathIndexByType[input.name] = path.count
        for field in input.fields {
            guard case .nonNull(.named(let fieldTypeName)) = field.type,
                case .inputObject(let fieldType) = schema.type(named: fieldTypeName)
            else { continue }
            path.append(field)
            if let cycleStart = pathIndexByType[fieldTypeName] {
                let cycle = path[cycleStart...]
                validator.report(
                    "Cannot reference Input Object \"\(fieldTypeName)\" within itself through a series of non-null fields: \"\(cycle.map(\.name).joined(separator: "."))\".",
                    cycle.map { $0.astNode?.loc })
            } else {
                check(fieldType, in: schema, validator: &validator)
            }
            path.removeLast()
        }
        pathIndexByType[input.name] = nil
    }
}
