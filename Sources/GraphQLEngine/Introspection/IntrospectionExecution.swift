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
    ///
    /// The field is the one at `position` in `objectPlan`; its plan and
    /// runtime are only read for values that need them (objects, lists,
    /// errors), so a leaf costs no reference counting for them.
    func resolveIntrospection(
        _ field: IntrospectionField, on parent: ParentValue, objectPlan: ObjectPlan, position: Int, slot: Int
    ) -> Bool {
        let at = Place(objectPlan: objectPlan, position: position, slot: slot)
        switch field {
        case .schemaMeta:
            return object(.schema, at)
        case .typeMeta:
            let index = schema.introspection
            let plan = objectPlan.fields[position]
            guard let name = plan.argumentValues["name", as: String.self], let type = index.type(named: name) else {
                return null(at)
            }
            return object(.type(type), at)
        default:
            break
        }
        guard case .introspection(let node) = parent else { return false }
        return resolveIntrospection(field, of: node, in: schema.introspection, at: at)
    }

    /// `resolveIntrospection(_:on:objectPlan:position:slot:)` for a field of an
    /// introspection object, given its value (the walk reads it once per object).
    func resolveIntrospection(
        _ field: IntrospectionField, of node: IntrospectionNode, in index: IntrospectionIndex, at: Place
    ) -> Bool {
        switch node {
        case .schema: return schemaField(field, index, at)
        case .type(let type): return typeField(field, type, index, at)
        case .field(let value): return fieldField(field, value, index, at)
        case .inputValue(let value): return inputValueField(field, value, index, at)
        case .enumValue(let value): return enumValueField(field, value, at)
        case .directive(let value): return directiveField(field, value, at)
        }
    }

    /// Where an introspection field's value goes: the field's position in its
    /// object's plan, and its slot. The plan is not retained: the walk holds
    /// the object's task (and so its plan) for the whole call.
    struct Place {
        unowned(unsafe) let objectPlan: ObjectPlan
        let position: Int
        let slot: Int

        var plan: FieldPlan { objectPlan.fields[position] }
        var isNonNull: Bool { objectPlan.slotsNonNull[position] }
        var includeDeprecated: Bool { objectPlan.fields[position].includeDeprecated }
    }

    // MARK: Fields by parent

    private func schemaField(
        _ field: IntrospectionField, _ index: IntrospectionIndex, _ at: Place
    ) -> Bool {
        switch field {
        case .schemaDescription: return text(schema.schema.description, at)
        case .schemaTypes: return objects(index.types, at) { .type($0) }
        case .schemaQueryType: return optionalType(index.queryType, at)
        case .schemaMutationType: return optionalType(index.mutationType, at)
        case .schemaSubscriptionType: return optionalType(index.subscriptionType, at)
        case .schemaDirectives: return objects(index.directives, at) { .directive($0) }
        default: return false
        }
    }

    private func typeField(
        _ field: IntrospectionField, _ type: IntrospectedType, _ index: IntrospectionIndex, _ at: Place
    ) -> Bool {
        switch field {
        case .typeKind:
            return leaf(.string(type.kind.rawValue), at)
        case .typeName:
            return text(type.named?.name, at)
        case .typeDescription:
            return text(type.named?.typeDescription, at)
        case .typeSpecifiedByURL:
            guard case .scalar(let scalar) = type.named else { return null(at) }
            return text(scalar.specifiedByURL, at)
        case .typeFields:
            guard let fields = type.fields else { return null(at) }
            return objects(fields.nodes(includeDeprecated: at.includeDeprecated), at) {
                .field($0)
            }
        case .typeInterfaces:
            guard let positions = type.interfaces else { return null(at) }
            return objects(positions, at) { .type(index.types[$0]) }
        case .typePossibleTypes:
            guard let positions = type.possibleTypes else { return null(at) }
            return objects(positions, at) { .type(index.types[$0]) }
        case .typeEnumValues:
            guard let values = type.enumValues else { return null(at) }
            return objects(values.nodes(includeDeprecated: at.includeDeprecated), at) {
                .enumValue($0)
            }
        case .typeInputFields:
            guard let values = type.inputFields else { return null(at) }
            return objects(values.nodes(includeDeprecated: at.includeDeprecated), at) {
                .inputValue($0)
            }
        case .typeOfType:
            return link(type.ofType, index, at)
        default:
            return false
        }
    }

    private func fieldField(
        _ field: IntrospectionField, _ value: IntrospectedField, _ index: IntrospectionIndex, _ at: Place
    ) -> Bool {
        switch field {
        case .fieldName: return leaf(.string(value.field.name), at)
        case .fieldDescription: return text(value.field.description, at)
        case .fieldArgs:
            return objects(value.arguments.nodes(includeDeprecated: at.includeDeprecated), at) {
                .inputValue($0)
            }
        case .fieldType: return link(value.type, index, at)
        case .fieldIsDeprecated: return leaf(.bool(value.field.isDeprecated), at)
        case .fieldDeprecationReason: return text(value.field.deprecationReason, at)
        default: return false
        }
    }

    private func inputValueField(
        _ field: IntrospectionField, _ value: IntrospectedInputValue, _ index: IntrospectionIndex, _ at: Place
    ) -> Bool {
        switch field {
        case .inputValueName: return leaf(.string(value.inputValue.name), at)
        case .inputValueDescription: return text(value.inputValue.description, at)
        case .inputValueType: return link(value.type, index, at)
        case .inputValueDefaultValue:
            return text(IntrospectionResolvers.defaultValueText(of: value.inputValue, in: schema.schema), at)
        case .inputValueIsDeprecated: return leaf(.bool(value.inputValue.isDeprecated), at)
        case .inputValueDeprecationReason: return text(value.inputValue.deprecationReason, at)
        default: return false
        }
    }

    private func enumValueField(
        _ field: IntrospectionField, _ value: IntrospectedEnumValue, _ at: Place
    ) -> Bool {
        switch field {
        case .enumValueName: return leaf(.string(value.value.name), at)
        case .enumValueDescription: return text(value.value.description, at)
        case .enumValueIsDeprecated: return leaf(.bool(value.value.isDeprecated), at)
        case .enumValueDeprecationReason: return text(value.value.deprecationReason, at)
        default: return false
        }
    }

    private func directiveField(
        _ field: IntrospectionField, _ value: IntrospectedDirective, _ at: Place
    ) -> Bool {
        switch field {
        case .directiveName: return leaf(.string(value.directive.name), at)
        case .directiveDescription: return text(value.directive.description, at)
        case .directiveIsRepeatable: return leaf(.bool(value.directive.isRepeatable), at)
        case .directiveLocations:
            let locations = value.directive.locations
            guard let runtime = at.plan.runtime, listItem(of: runtime.shape) != nil else { return false }
            let start = tree.slots.count
            reserve(locations.count, parent: at.slot, nonNull: true)
            tree.slots[at.slot].value = .list(start: start, count: locations.count)
            for (offset, location) in locations.enumerated() {
                tree.slots[start + offset].value = .leaf(.string(location.rawValue))
            }
            return true
        case .directiveArgs:
            return objects(value.arguments.nodes(includeDeprecated: at.includeDeprecated), at) {
                .inputValue($0)
            }
        default: return false
        }
    }

    // MARK: Writing values

    /// A leaf value the introspection schema's type accepts as is (a string,
    /// a boolean, or a `__TypeKind` or `__DirectiveLocation` name).
    @inline(__always)
    private func leaf(_ value: JSONValue, _ at: Place) -> Bool {
        tree.slots[at.slot].value = .leaf(value)
        return true
    }

    private func text(_ value: String?, _ at: Place) -> Bool {
        guard let value else { return null(at) }
        return leaf(.string(value), at)
    }

    /// A null: a field error when the field is non-null, as a resolver's null would be.
    private func null(_ at: Place) -> Bool {
        if at.isNonNull {
            let plan = at.plan
            guard let runtime = plan.runtime else { return false }
            complete(.null, shape: runtime.shape, slot: at.slot, plan: plan)
        } else {
            tree.slots[at.slot].isNull = true
        }
        return true
    }

    private func object(_ node: IntrospectionNode, _ at: Place) -> Bool {
        let plan = at.plan
        guard let runtime = plan.runtime, let type = objectType(of: runtime.shape) else { return false }
        completeObject(plan.childPlan(for: type, in: self), source: .introspection(node), slot: at.slot)
        return true
    }

    private func optionalType(_ type: IntrospectedType?, _ at: Place) -> Bool {
        guard let type else { return null(at) }
        return object(.type(type), at)
    }

    private func link(_ link: IntrospectionTypeLink?, _ index: IntrospectionIndex, _ at: Place) -> Bool {
        guard let link else { return null(at) }
        return object(.type(index.type(link)), at)
    }

    /// A list of introspection objects: one slot per element, each completed
    /// as an object with the field's one child plan.
    private func objects<Element>(
        _ elements: [Element], _ at: Place, _ node: (Element) -> IntrospectionNode
    ) -> Bool {
        let plan = at.plan
        guard let runtime = plan.runtime, let item = listItem(of: runtime.shape), let type = objectType(of: item)
        else { return false }
        let start = tree.slots.count
        reserve(elements.count, parent: at.slot, nonNull: item.isNonNull)
        tree.slots[at.slot].value = .list(start: start, count: elements.count)
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
