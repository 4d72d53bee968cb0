/// The executor's own answer to introspection fields
/// (https://spec.graphql.org/October2021/#sec-Introspection): the field's
/// value read from the schema's `IntrospectionIndex` and written straight
/// into the result tree.
///
/// It answers exactly what the resolvers in `IntrospectionResolvers` answer,
/// field by field and request by request, but without what running those
/// costs per field: a `FieldContext`, a closure call, a cast of the parent
/// from `any FieldSource`, a `ResolvedValue` (and an array of them per list)
/// to complete, and a serialization of enum values that are known to be
/// valid. The introspection query resolves thousands of fields, nearly all
/// of them here. The executor only comes here for a field with no middleware
/// and valid arguments (`FieldStep.introspection`).
extension ExecutionState {
    /// Writes the value of `field` of `parent` at `slot` and answers true; or
    /// answers false, having written nothing, when `parent` is not the
    /// introspection value the field belongs to or the field's type is not
    /// the introspection schema's, so the field's resolver runs as usual.
    func resolveIntrospection(
        _ field: IntrospectionField, on parent: ParentValue, runtime: FieldRuntime, plan: FieldPlan, slot: Int
    ) -> Bool {
        switch field {
        case .schemaMeta:
            return object(.schema, runtime, plan, slot)
        case .typeMeta:
            let index = schema.introspection
            guard let name = plan.argumentValues["name", as: String.self], let type = index.type(named: name) else {
                return null(runtime, plan, slot)
            }
            return object(.type(type), runtime, plan, slot)
        default:
            break
        }
        guard case .introspection(let node) = parent else { return false }
        return resolveIntrospection(field, of: node, in: schema.introspection, runtime: runtime, plan: plan, slot: slot)
    }

    /// `resolveIntrospection(_:on:runtime:plan:slot:)` for a field of an
    /// introspection object, given its value (the walk reads it once per object).
    func resolveIntrospection(
        _ field: IntrospectionField, of node: IntrospectionNode, in index: IntrospectionIndex, runtime: FieldRuntime,
        plan: FieldPlan, slot: Int
    ) -> Bool {
        switch node {
        case .schema: return schemaField(field, index, runtime, plan, slot)
        case .type(let type): return typeField(field, type, index, runtime, plan, slot)
        case .field(let value): return fieldField(field, value, index, runtime, plan, slot)
        case .inputValue(let value): return inputValueField(field, value, index, runtime, plan, slot)
        case .enumValue(let value): return enumValueField(field, value, runtime, plan, slot)
        case .directive(let value): return directiveField(field, value, runtime, plan, slot)
        }
    }

    // MARK: Fields by parent

    private func schemaField(
        _ field: IntrospectionField, _ index: IntrospectionIndex, _ runtime: FieldRuntime, _ plan: FieldPlan,
        _ slot: Int
    ) -> Bool {
        switch field {
        case .schemaDescription: return text(schema.schema.description, runtime, plan, slot)
        case .schemaTypes: return objects(index.types, runtime, plan, slot) { .type($0) }
        case .schemaQueryType: return optionalType(index.queryType, runtime, plan, slot)
        case .schemaMutationType: return optionalType(index.mutationType, runtime, plan, slot)
        case .schemaSubscriptionType: return optionalType(index.subscriptionType, runtime, plan, slot)
        case .schemaDirectives: return objects(index.directives, runtime, plan, slot) { .directive($0) }
        default: return false
        }
    }

    private func typeField(
        _ field: IntrospectionField, _ type: IntrospectedType, _ index: IntrospectionIndex, _ runtime: FieldRuntime,
        _ plan: FieldPlan, _ slot: Int
    ) -> Bool {
        switch field {
        case .typeKind:
            return leaf(.string(type.kind.rawValue), slot)
        case .typeName:
            return text(type.named?.name, runtime, plan, slot)
        case .typeDescription:
            return text(type.named?.typeDescription, runtime, plan, slot)
        case .typeSpecifiedByURL:
            guard case .scalar(let scalar) = type.named else { return null(runtime, plan, slot) }
            return text(scalar.specifiedByURL, runtime, plan, slot)
        case .typeFields:
            guard let fields = type.fields else { return null(runtime, plan, slot) }
            return objects(fields.nodes(includeDeprecated: plan.includeDeprecated), runtime, plan, slot) {
                .field($0)
            }
        case .typeInterfaces:
            guard let positions = type.interfaces else { return null(runtime, plan, slot) }
            return objects(positions, runtime, plan, slot) { .type(index.types[$0]) }
        case .typePossibleTypes:
            guard let positions = type.possibleTypes else { return null(runtime, plan, slot) }
            return objects(positions, runtime, plan, slot) { .type(index.types[$0]) }
        case .typeEnumValues:
            guard let values = type.enumValues else { return null(runtime, plan, slot) }
            return objects(values.nodes(includeDeprecated: plan.includeDeprecated), runtime, plan, slot) {
                .enumValue($0)
            }
        case .typeInputFields:
            guard let values = type.inputFields else { return null(runtime, plan, slot) }
            return objects(values.nodes(includeDeprecated: plan.includeDeprecated), runtime, plan, slot) {
                .inputValue($0)
            }
        case .typeOfType:
            return link(type.ofType, index, runtime, plan, slot)
        default:
            return false
        }
    }

    private func fieldField(
        _ field: IntrospectionField, _ value: IntrospectedField, _ index: IntrospectionIndex, _ runtime: FieldRuntime,
        _ plan: FieldPlan, _ slot: Int
    ) -> Bool {
        switch field {
        case .fieldName: return leaf(.string(value.field.name), slot)
        case .fieldDescription: return text(value.field.description, runtime, plan, slot)
        case .fieldArgs:
            return objects(value.arguments.nodes(includeDeprecated: plan.includeDeprecated), runtime, plan, slot) {
                .inputValue($0)
            }
        case .fieldType: return link(value.type, index, runtime, plan, slot)
        case .fieldIsDeprecated: return leaf(.bool(value.field.isDeprecated), slot)
        case .fieldDeprecationReason: return text(value.field.deprecationReason, runtime, plan, slot)
        default: return false
        }
    }

    private func inputValueField(
        _ field: IntrospectionField, _ value: IntrospectedInputValue, _ index: IntrospectionIndex,
        _ runtime: FieldRuntime, _ plan: FieldPlan, _ slot: Int
    ) -> Bool {
        switch field {
        case .inputValueName: return leaf(.string(value.inputValue.name), slot)
        case .inputValueDescription: return text(value.inputValue.description, runtime, plan, slot)
        case .inputValueType: return link(value.type, index, runtime, plan, slot)
        case .inputValueDefaultValue:
            return text(IntrospectionResolvers.defaultValueText(of: value.inputValue, in: schema.schema), runtime, plan, slot)
        case .inputValueIsDeprecated: return leaf(.bool(value.inputValue.isDeprecated), slot)
        case .inputValueDeprecationReason: return text(value.inputValue.deprecationReason, runtime, plan, slot)
        default: return false
        }
    }

    private func enumValueField(
        _ field: IntrospectionField, _ value: IntrospectedEnumValue, _ runtime: FieldRuntime, _ plan: FieldPlan,
        _ slot: Int
    ) -> Bool {
        switch field {
        case .enumValueName: return leaf(.string(value.value.name), slot)
        case .enumValueDescription: return text(value.value.description, runtime, plan, slot)
        case .enumValueIsDeprecated: return leaf(.bool(value.value.isDeprecated), slot)
        case .enumValueDeprecationReason: return text(value.value.deprecationReason, runtime, plan, slot)
        default: return false
        }
    }

    private func directiveField(
        _ field: IntrospectionField, _ value: IntrospectedDirective, _ runtime: FieldRuntime, _ plan: FieldPlan,
        _ slot: Int
    ) -> Bool {
        switch field {
        case .directiveName: return leaf(.string(value.directive.name), slot)
        case .directiveDescription: return text(value.directive.description, runtime, plan, slot)
        case .directiveIsRepeatable: return leaf(.bool(value.directive.isRepeatable), slot)
        case .directiveLocations:
            let locations = value.directive.locations
            guard listItem(of: runtime.shape) != nil else { return false }
            let start = tree.slots.count
            reserve(locations.count, parent: slot, nonNull: true)
            tree.slots[slot].value = .list(start: start, count: locations.count)
            for (offset, location) in locations.enumerated() {
                tree.slots[start + offset].value = .leaf(.string(location.rawValue))
            }
            return true
        case .directiveArgs:
            return objects(value.arguments.nodes(includeDeprecated: plan.includeDeprecated), runtime, plan, slot) {
                .inputValue($0)
            }
        default: return false
        }
    }

    // MARK: Writing values

    /// A leaf value the introspection schema's type accepts as is (a string,
    /// a boolean, or a `__TypeKind` or `__DirectiveLocation` name).
    @inline(__always)
    private func leaf(_ value: JSONValue, _ slot: Int) -> Bool {
        tree.slots[slot].value = .leaf(value)
        return true
    }

    private func text(_ value: String?, _ runtime: FieldRuntime, _ plan: FieldPlan, _ slot: Int) -> Bool {
        guard let value else { return null(runtime, plan, slot) }
        return leaf(.string(value), slot)
    }

    /// A null: a field error when the field is non-null, as a resolver's null would be.
    private func null(_ runtime: FieldRuntime, _ plan: FieldPlan, _ slot: Int) -> Bool {
        if runtime.shape.isNonNull {
            complete(.null, shape: runtime.shape, slot: slot, plan: plan)
        } else {
            tree.slots[slot].isNull = true
        }
        return true
    }

    private func object(_ node: IntrospectionNode, _ runtime: FieldRuntime, _ plan: FieldPlan, _ slot: Int) -> Bool {
        guard let type = objectType(of: runtime.shape) else { return false }
        completeObject(plan.childPlan(for: type, in: self), source: .introspection(node), slot: slot)
        return true
    }

    private func optionalType(_ type: IntrospectedType?, _ runtime: FieldRuntime, _ plan: FieldPlan, _ slot: Int)
        -> Bool
    {
        guard let type else { return null(runtime, plan, slot) }
        return object(.type(type), runtime, plan, slot)
    }

    private func link(
        _ link: IntrospectionTypeLink?, _ index: IntrospectionIndex, _ runtime: FieldRuntime, _ plan: FieldPlan,
        _ slot: Int
    ) -> Bool {
        guard let link else { return null(runtime, plan, slot) }
        return object(.type(index.type(link)), runtime, plan, slot)
    }

    /// A list of introspection objects: one slot per element, each completed
    /// as an object with the field's one child plan.
    private func objects<Element>(
        _ elements: [Element], _ runtime: FieldRuntime, _ plan: FieldPlan, _ slot: Int,
        _ node: (Element) -> IntrospectionNode
    ) -> Bool {
        guard let item = listItem(of: runtime.shape), let type = objectType(of: item) else { return false }
        let start = tree.slots.count
        reserve(elements.count, parent: slot, nonNull: item.isNonNull)
        tree.slots[slot].value = .list(start: start, count: elements.count)
        if elements.isEmpty { return true }
        let child = plan.childPlan(for: type, in: self)
        for (offset, element) in elements.enumerated() {
            completeObject(child, source: .introspection(node(element)), slot: start + offset)
        }
        return true
    }

    private func objectType(of shape: OutputShape) -> ObjectType? {
        switch shape {
        case .object(let type), .nonNull(.object(let type)): return type
        default: return nil
        }
    }

    private func listItem(of shape: OutputShape) -> OutputShape? {
        switch shape {
        case .list(let item), .nonNull(.list(let item)): return item
        default: return nil
        }
    }
}
