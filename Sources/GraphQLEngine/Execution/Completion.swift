/// Value completion: a resolved value written into the result tree according
/// to the field's type (https://spec.graphql.org/October2021/#CompleteValue()).
extension ExecutionState {
    func complete(_ value: ResolvedValue, shape: OutputShape, slot: Int, plan: FieldPlan) {
        if hasNulls && isBelowNull(slot) { return }
        switch value {
        case .failure(let error):
            fail(slot, plan: plan, error)
            return
        case .pending(let load):
            load.request.enqueue(in: loaders)
            pendingLoads.append(Waiting(slot: slot, shape: shape, plan: plan, work: load))
            return
        case .async(let work):
            asyncWork.append(Waiting(slot: slot, shape: shape, plan: plan, work: work))
            return
        default:
            break
        }
        var shape = shape
        if case .nonNull(let inner) = shape {
            if value.isNull {
                fail(
                    slot, plan: plan,
                    internalError(
                        "Cannot return null for non-nullable field \(plan.parentType.name).\(plan.definition.name)."))
                return
            }
            shape = inner
        } else if value.isNull {
            tree.slots[slot].isNull = true
            return
        }

        switch shape {
        case .nonNull:
            complete(value, shape: shape, slot: slot, plan: plan)
        case .list(let itemShape):
            completeList(value, itemShape: itemShape, slot: slot, plan: plan)
        case .scalar(let scalar):
            completeLeaf(value, slot: slot, plan: plan) { try scalar.coercion.serialize($0) }
        case .enumType(let enumType):
            completeLeaf(value, slot: slot, plan: plan) { try enumType.serialize($0) }
        case .object(let objectType):
            guard let source = fieldSource(value) else {
                fail(slot, plan: plan, internalError("Expected value of type \"\(objectType.name)\" but got a list."))
                return
            }
            completeObject(plan.childPlan(for: objectType, in: self), source: source, slot: slot)
        case .abstract(let abstractType):
            guard let source = fieldSource(value) else {
                fail(slot, plan: plan, internalError("Expected value of type \"\(abstractType.name)\" but got a list."))
                return
            }
            switch resolveObjectType(abstractType, source: source.asFieldSource, slot: slot, plan: plan) {
            case .success(let objectType):
                completeObject(plan.childPlan(for: objectType, in: self), source: source, slot: slot)
            case .failure(let error):
                fail(slot, plan: plan, error)
            }
        case .unknown(let name):
            fail(slot, plan: plan, internalError("Unknown type \"\(name)\"."))
        }
    }

    private func completeList(_ value: ResolvedValue, itemShape: OutputShape, slot: Int, plan: FieldPlan) {
        let start = tree.slots.count
        let itemNonNull = itemShape.isNonNull
        switch value {
        case .list(let items):
            reserve(items.count, parent: slot, nonNull: itemNonNull)
            tree.slots[slot].value = .list(start: start, count: items.count)
            for (offset, item) in items.enumerated() {
                complete(item, shape: itemShape, slot: start + offset, plan: plan)
            }
        case .json(.list(let items)):
            reserve(items.count, parent: slot, nonNull: itemNonNull)
            tree.slots[slot].value = .list(start: start, count: items.count)
            for (offset, item) in items.enumerated() {
                complete(.json(item), shape: itemShape, slot: start + offset, plan: plan)
            }
        default:
            fail(
                slot, plan: plan,
                internalError(
                    "Expected Iterable, but did not find one for field \"\(plan.parentType.name).\(plan.definition.name)\"."
                ))
        }
    }

    private func completeLeaf(
        _ value: ResolvedValue, slot: Int, plan: FieldPlan, serialize: (JSONValue) throws -> JSONValue
    ) {
        guard case .json(let json) = value else {
            fail(
                slot, plan: plan,
                internalError("Expected a leaf value for \(plan.parentType.name).\(plan.definition.name)."))
            return
        }
        do {
            let serialized = try serialize(json)
            if serialized.isNull {
                fail(slot, plan: plan, internalError("Expected a non-null serialized value, got null."))
                return
            }
            tree.slots[slot].value = .leaf(serialized)
        } catch {
            fail(slot, plan: plan, responseError(from: error))
        }
    }

    /// Reserves one slot per field of `plan` under `slot`, answers
    /// `__typename` at once, and queues the object's other fields for the next level.
    /// (`source` is consumed: the callers pass a value made for the call,
    /// which the queued task then keeps without a copy.)
    func completeObject(_ plan: ObjectPlan, source: consuming ParentValue, slot: Int) {
        let start = tree.slots.count
        let keysIndex = objectKeysIndex(of: plan)
        plan.slotsNonNull.withUnsafeBufferPointer { flags in
            for nonNull in flags {
                tree.slots.append(ResultSlot(value: .pending, parent: slot, nonNull: nonNull))
            }
        }
        tree.slots[slot].value = .object(start: start, keys: keysIndex)
        for offset in plan.typenameOffsets {
            tree.slots[start + offset].value = .leaf(.string(plan.type.name))
        }
        if plan.resolvesFields {
            nextLevel.append(ObjectTask(start: start, plan: plan, parent: source, fields: 0..<plan.fields.count))
        }
    }

    private func objectKeysIndex(of plan: ObjectPlan) -> Int {
        if let index = plan.keysIndex { return index }
        let index = tree.objectKeys.count
        tree.objectKeys.append(ObjectKeys(plan.keys))
        plan.keysIndex = index
        return index
    }

    func reserve(_ count: Int, parent: Int, nonNull: Bool) {
        let item = ResultSlot(value: .pending, parent: parent, nonNull: nonNull)
        tree.slots.append(contentsOf: repeatElement(item, count: count))
    }

    private func fieldSource(_ value: ResolvedValue) -> ParentValue? {
        switch value {
        case .object(let source): return .source(source)
        case .json(let json):
            if case .list = json { return nil }
            return .json(json)
        default: return nil
        }
    }

    /// https://spec.graphql.org/October2021/#ResolveAbstractType()
    private func resolveObjectType(
        _ abstractType: GraphQLNamedType, source: any FieldSource, slot: Int, plan: FieldPlan
    ) -> Result<ObjectType, GraphQLError> {
        let fieldName = "\(plan.parentType.name).\(plan.definition.name)"
        let typeName: String?
        if let resolver = schema.typeResolvers[abstractType.name] {
            typeName = resolver(source, FieldContext(execution: self, plan: plan, parent: source, slot: slot))
        } else {
            typeName = source.runtimeTypeName
        }
        guard let typeName else {
            return .failure(
                internalError(
                    "Abstract type \"\(abstractType.name)\" must resolve to an Object type at runtime for field \"\(fieldName)\". Either the \"\(abstractType.name)\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function."
                ))
        }
        guard let runtimeType = schema.schema.type(named: typeName) else {
            return .failure(
                internalError(
                    "Abstract type \"\(abstractType.name)\" was resolved to a type \"\(typeName)\" that does not exist inside the schema."
                ))
        }
        guard case .object(let objectType) = runtimeType else {
            return .failure(
                internalError(
                    "Abstract type \"\(abstractType.name)\" was resolved to a non-object type \"\(typeName)\"."))
        }
        guard schema.schema.isPossibleType(abstractType, typeName) else {
            return .failure(
                internalError(
                    "Runtime Object type \"\(typeName)\" is not a possible type for \"\(abstractType.name)\"."))
        }
        return .success(objectType)
    }

    private func internalError(_ message: String) -> GraphQLError {
        FieldErrors.withCode(message, GraphQLError.Code.internalServerError)
    }
}
