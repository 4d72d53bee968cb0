/// Checks an SDL document before a schema is built from it: the document-level
/// rules graphql-js 16 runs first (`assertValidSDL`, its "SDL rules"), with
/// its messages and locations. The built schema then gets the type-system
/// checks of `validateSchema(_:)`.
///
/// Covered: one schema definition, unique operation types, unique type,
/// field, argument, enum value and directive names, known types, known
/// directives used at allowed locations and not repeated unless repeatable,
/// extensions of defined types of the same kind, known and unique directive
/// arguments, unique input object fields, required directive arguments given.
/// https://spec.graphql.org/October2021/#sec-Type-System
public func validateSDL(_ document: Document) -> [GraphQLError] {
    var validator = SDLValidator(document: document)
    validator.run()
    return validator.errors
}

private struct DirectiveShape {
    var locations: [String]
    var isRepeatable: Bool
    var argumentNames: [String]
    /// Required arguments (non-null, no default) and their types as written.
    var required: [(name: String, type: String)]
}

private struct SDLValidator {
    let document: Document
    var errors: [GraphQLError] = []

    private var definedTypeNames = Set<String>()
    private var lastDefinitionByName: [String: TypeDefinitionView] = [:]
    private var directiveShapes: [String: DirectiveShape] = [:]
    private var allTypeNames: [String] = []

    // State carried across definitions.
    private var schemaDefinitionCount = 0
    private var seenOperationTypes: [OperationType: Location] = [:]
    private var seenTypeNames: [String: Location] = [:]
    private var seenDirectiveNames: [String: Location] = [:]
    private var seenFieldNames: [String: [String: Location]] = [:]
    private var seenEnumValueNames: [String: [String: Location]] = [:]
    private var schemaDirectives: [String: Location] = [:]
    private var typeDirectives: [String: [String: Location]] = [:]

    init(document: Document) {
        self.document = document
        for directive in BuiltInDirectives.all {
            directiveShapes[directive.name] = DirectiveShape(
                locations: directive.locations.map(\.rawValue), isRepeatable: directive.isRepeatable,
                argumentNames: directive.arguments.map(\.name),
                required: directive.arguments.filter(\.isRequired).map { ($0.name, $0.type.description) })
        }
        for definition in document.definitions {
            if let view = TypeDefinitionView(definition), !view.isExtension {
                if definedTypeNames.insert(view.name.value).inserted { allTypeNames.append(view.name.value) }
                lastDefinitionByName[view.name.value] = view
            }
            if case .directive(let node) = definition {
                directiveShapes[node.name.value] = DirectiveShape(
                    locations: node.locations.map(\.value), isRepeatable: node.repeatable,
                    argumentNames: node.arguments.map(\.name.value),
                    required: node.arguments.filter { $0.type.isNonNullNode && $0.defaultValue == nil }
                        .map { ($0.name.value, TypeRef($0.type).description) })
            }
        }
    }

    mutating func run() {
        for definition in document.definitions {
            switch definition {
            case .schema(let node):
                schemaDefinitionCount += 1
                if schemaDefinitionCount > 1 {
                    report("Must provide only one schema definition.", [node.loc])
                }
                checkOperationTypes(node.operationTypes)
                var seen = schemaDirectives
                checkDirectives(node.directives, at: .schema, seen: &seen)
                schemaDirectives = seen
                for operation in node.operationTypes { checkKnownType(operation.type) }
            case .schemaExtension(let node):
                checkOperationTypes(node.operationTypes)
                var seen = schemaDirectives
                checkDirectives(node.directives, at: .schema, seen: &seen)
                schemaDirectives = seen
                for operation in node.operationTypes { checkKnownType(operation.type) }
            case .directive(let node):
                checkDirectiveDefinition(node)
            default:
                if let view = TypeDefinitionView(definition) { checkType(view) }
            }
        }
    }

    // MARK: Schema definitions

    private mutating func checkOperationTypes(_ operationTypes: [OperationTypeDefinition]) {
        for operation in operationTypes {
            if let first = seenOperationTypes[operation.operation] {
                report(
                    "There can be only one \(operation.operation.rawValue) type in schema.", [first, operation.loc])
            } else {
                seenOperationTypes[operation.operation] = operation.loc
            }
        }
    }

    // MARK: Directive definitions

    private mutating func checkDirectiveDefinition(_ node: DirectiveDefinition) {
        let name = node.name.value
        if let first = seenDirectiveNames[name] {
            report("There can be only one directive named \"@\(name)\".", [first, node.name.loc])
        } else {
            seenDirectiveNames[name] = node.name.loc
        }
        checkArgumentDefinitionNames("@\(name)", node.arguments)
        for argument in node.arguments {
            checkInputValueDefinition(argument, at: .argumentDefinition)
        }
    }

    // MARK: Type definitions and extensions

    private mutating func checkType(_ view: TypeDefinitionView) {
        let typeName = view.name.value
        if !view.isExtension {
            if let first = seenTypeNames[typeName] {
                report("There can be only one type named \"\(typeName)\".", [first, view.name.loc])
            } else {
                seenTypeNames[typeName] = view.name.loc
            }
        }
        switch view.kind {
        case .enumType:
            for value in view.values {
                let valueName = value.name.value
                if let first = seenEnumValueNames[typeName]?[valueName] {
                    report(
                        "Enum value \"\(typeName).\(valueName)\" can only be defined once.", [first, value.name.loc])
                } else {
                    seenEnumValueNames[typeName, default: [:]][valueName] = value.name.loc
                }
            }
        case .object, .interface, .inputObject:
            let names = view.kind == .inputObject ? view.inputFields.map(\.name) : view.fields.map(\.name)
            for name in names {
                if let first = seenFieldNames[typeName]?[name.value] {
                    report("Field \"\(typeName).\(name.value)\" can only be defined once.", [first, name.loc])
                } else {
                    seenFieldNames[typeName, default: [:]][name.value] = name.loc
                }
            }
        default: break
        }
        if view.kind == .object || view.kind == .interface {
            for field in view.fields {
                checkArgumentDefinitionNames("\(typeName).\(field.name.value)", field.arguments)
            }
        }
        var seen = typeDirectives[typeName] ?? [:]
        checkUniqueDirectives(view.directives, seen: &seen)
        typeDirectives[typeName] = seen
        if view.isExtension { checkExtensionTarget(view) }

        // Children, in the order graphql-js visits them.
        for interface in view.interfaces { checkKnownType(interface) }
        checkDirectiveUses(view.directives, at: view.directiveLocation)
        for field in view.fields {
            for argument in field.arguments { checkInputValueDefinition(argument, at: .argumentDefinition) }
            checkKnownType(field.type.namedType)
            checkDirectivesWithoutTypeScope(field.directives, at: .fieldDefinition)
        }
        for member in view.memberTypes { checkKnownType(member) }
        for value in view.values { checkDirectivesWithoutTypeScope(value.directives, at: .enumValue) }
        for field in view.inputFields { checkInputValueDefinition(field, at: .inputFieldDefinition) }
    }

    private mutating func checkExtensionTarget(_ view: TypeDefinitionView) {
        let typeName = view.name.value
        if let definition = lastDefinitionByName[typeName] {
            if definition.kind != view.kind {
                report("Cannot extend non-\(view.kindWord) type \"\(typeName)\".", [definition.loc, view.loc])
            }
        } else {
            let suggestions = suggestionList(typeName, options: allTypeNames)
            report(
                "Cannot extend type \"\(typeName)\" because it is not defined." + didYouMean(suggestions),
                [view.name.loc])
        }
    }

    private mutating func checkInputValueDefinition(_ node: InputValueDefinition, at location: DirectiveLocation) {
        checkKnownType(node.type.namedType)
        if let defaultValue = node.defaultValue { checkValue(defaultValue) }
        checkDirectivesWithoutTypeScope(node.directives, at: location)
    }

    private mutating func checkArgumentDefinitionNames(_ parentName: String, _ arguments: [InputValueDefinition]) {
        var order: [String] = []
        var groups: [String: [Location]] = [:]
        for argument in arguments {
            if groups[argument.name.value] == nil { order.append(argument.name.value) }
            groups[argument.name.value, default: []].append(argument.name.loc)
        }
        for name in order {
            if let nodes = groups[name], nodes.count > 1 {
                report("Argument \"\(parentName)(\(name):)\" can only be defined once.", nodes)
            }
        }
    }

    // MARK: Type references

    private mutating func checkKnownType(_ node: NamedType) {
        let name = node.name.value
        if definedTypeNames.contains(name) || BuiltInScalars.isBuiltIn(name)
            || IntrospectionTypes.isIntrospectionTypeName(name)
        {
            return
        }
        let standard = BuiltInScalars.all.map(\.name) + IntrospectionTypes.orderedNames
        let suggestions = suggestionList(name, options: standard + allTypeNames)
        report("Unknown type \"\(name)\"." + didYouMean(suggestions), [node.loc])
    }

    // MARK: Applied directives

    private mutating func checkDirectives(
        _ directives: [Directive], at location: DirectiveLocation, seen: inout [String: Location]
    ) {
        checkUniqueDirectives(directives, seen: &seen)
        checkDirectiveUses(directives, at: location)
    }

    private mutating func checkDirectivesWithoutTypeScope(_ directives: [Directive], at location: DirectiveLocation) {
        var seen: [String: Location] = [:]
        checkDirectives(directives, at: location, seen: &seen)
    }

    private mutating func checkUniqueDirectives(_ directives: [Directive], seen: inout [String: Location]) {
        for directive in directives {
            let name = directive.name.value
            guard let shape = directiveShapes[name], !shape.isRepeatable else { continue }
            if let first = seen[name] {
                report("The directive \"@\(name)\" can only be used once at this location.", [first, directive.loc])
            } else {
                seen[name] = directive.loc
            }
        }
    }

    private mutating func checkDirectiveUses(_ directives: [Directive], at location: DirectiveLocation) {
        for directive in directives {
            let name = directive.name.value
            guard let shape = directiveShapes[name] else {
                report("Unknown directive \"@\(name)\".", [directive.loc])
                continue
            }
            if !shape.locations.contains(location.rawValue) {
                report("Directive \"@\(name)\" may not be used on \(location.rawValue).", [directive.loc])
            }
            for argument in directive.arguments where !shape.argumentNames.contains(argument.name.value) {
                let suggestions = suggestionList(argument.name.value, options: shape.argumentNames)
                report(
                    "Unknown argument \"\(argument.name.value)\" on directive \"@\(name)\"." + didYouMean(suggestions),
                    [argument.loc])
            }
            checkUniqueArguments(directive.arguments)
            for argument in directive.arguments { checkValue(argument.value) }
            let given = Set(directive.arguments.map(\.name.value))
            for required in shape.required where !given.contains(required.name) {
                report(
                    "Directive \"@\(name)\" argument \"\(required.name)\" of type \"\(required.type)\" is required, but it was not provided.",
                    [directive.loc])
            }
        }
    }

    private mutating func checkUniqueArguments(_ arguments: [Argument]) {
        var order: [String] = []
        var groups: [String: [Location]] = [:]
        for argument in arguments {
            if groups[argument.name.value] == nil { order.append(argument.name.value) }
            groups[argument.name.value, default: []].append(argument.name.loc)
        }
        for name in order {
            if let nodes = groups[name], nodes.count > 1 {
                report("There can be only one argument named \"\(name)\".", nodes)
            }
        }
    }

    /// Unique field names in every object literal, however deep.
    private mutating func checkValue(_ value: Value) {
        switch value {
        case .list(let list):
            for item in list.values { checkValue(item) }
        case .object(let object):
            var seen: [String: Location] = [:]
            for field in object.fields {
                if let first = seen[field.name.value] {
                    report("There can be only one input field named \"\(field.name.value)\".", [first, field.name.loc])
                } else {
                    seen[field.name.value] = field.name.loc
                }
                checkValue(field.value)
            }
        default: break
        }
    }

    private mutating func report(_ message: String, _ locations: [Location]) {
        errors.append(GraphQLError(message: message, nodes: locations, source: document.source))
    }
}

extension TypeReference {
    /// Whether the outermost marker is `!`.
    var isNonNullNode: Bool {
        if case .nonNull = self { return true }
        return false
    }
}
