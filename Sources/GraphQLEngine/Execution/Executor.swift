/// Executes an operation level by level
/// (https://spec.graphql.org/October2021/#sec-Execution).
///
/// A level is every field at one depth of the response. The executor walks a
/// level running each field's resolver inline (synchronous resolvers cost no
/// task), then awaits the level's async values together, then sends one
/// batch per loader that has pending keys, completes the values that waited
/// on them, and moves to the next level with the fields of the objects just
/// completed. Mutation root fields run one after another, each with its whole
/// sub-tree, as the spec requires
/// (https://spec.graphql.org/October2021/#sec-Mutation).
///
/// Cancellation and deadline: when the task running the execution is
/// cancelled (a server's own timer, or the server giving up), the executor
/// stops at the next boundary: before a level, before awaiting a level's
/// async values or sending its loader batches, before each mutation root
/// field, and before each resolver it would call. No resolver or batch
/// starts after that point; async resolvers already running see the
/// cancellation through their own task. The deadline
/// (`QueryLimits.executionTimeout`) is checked at the same boundaries but
/// the per-resolver one, so a level already started finishes its
/// synchronous resolvers; it needs no timer task, and it cannot interrupt an
/// await already in progress (nor can cancellation, for work that ignores
/// it, such as a blocking database call). Either way
/// `ExecutionState.cancelled` is set, and `execute` answers with a
/// `TIMEOUT` error and no `data`; mutation root fields already run stay done.
enum Executor {
    static func run(_ state: ExecutionState, rootType: ObjectType, rootValue: any FieldSource) async {
        let plan = state.makeObjectPlan(type: rootType, selectionSets: [state.operation.selectionSet])
        state.nextLevel = []
        let root: ExecutionState.ParentValue
        if let json = rootValue as? JSONValue { root = .json(json) } else { root = .source(rootValue) }
        state.completeObject(plan, source: root, slot: 0)
        let rootTasks = state.nextLevel
        state.nextLevel = []
        if state.operation.operation == .mutation {
            for task in rootTasks {
                for index in task.fields {
                    if state.stopIfCancelledOrLate() { return }
                    var single = task
                    single.fields = index..<(index + 1)
                    await state.runLevels(from: [single])
                }
            }
        } else {
            await state.runLevels(from: rootTasks)
        }
    }
}

extension ExecutionState {
    func runLevels(from tasks: [ObjectTask]) async {
        var level = tasks
        // The two levels' arrays swap roles each time round, so their storage is reused.
        nextLevel.removeAll(keepingCapacity: true)
        var depth = 0
        while !level.isEmpty {
            if stopIfCancelledOrLate() { break }
            depth += 1
            if let instrumentation {
                await instrumentation.run(.level(depth: depth, objects: level.count)) { await runLevel(level) }
            } else {
                await runLevel(level)
            }
            if cancelled { break }
            level.removeAll(keepingCapacity: true)
            swap(&level, &nextLevel)
        }
        nextLevel = []
        if cancelled {
            asyncWork = []
            pendingLoads = []
        }
    }

    /// Walks one level, then awaits its async values and sends its loader
    /// batches (which may add more of both) until none is left.
    private func runLevel(_ level: [ObjectTask]) async {
        walk(level)
        while !asyncWork.isEmpty || !pendingLoads.isEmpty {
            if stopIfCancelledOrLate() { break }
            if !asyncWork.isEmpty { await awaitAsyncWork() }
            if stopIfCancelledOrLate() { break }
            if !pendingLoads.isEmpty { await dispatchLoads() }
        }
    }

    /// Whether execution must stop: the task was cancelled (now or before).
    /// Records it in `cancelled`.
    func stopIfCancelled() -> Bool {
        if cancelled { return true }
        if Task.isCancelled { cancelled = true }
        return cancelled
    }

    /// Whether execution must stop: cancelled, or past the deadline.
    func stopIfCancelledOrLate() -> Bool {
        if stopIfCancelled() { return true }
        if let deadline, ContinuousClock.now >= deadline { cancelled = true }
        return cancelled
    }

    /// Resolves and completes every field of a level that can be done at
    /// once; async and pending values are queued.
    private func walk(_ level: [ObjectTask]) {
        level.withUnsafeBufferPointer { tasks in
            for taskIndex in 0..<tasks.count {
                if cancelled { return }
                let start = tasks[taskIndex].start
                let objectSlot = tree.slots[start].parent
                if hasNulls && (tree.slots[objectSlot].isNull || isBelowNull(objectSlot)) { continue }
                let objectPlan = tasks[taskIndex].plan
                let range = tasks[taskIndex].fields
                if case .introspection(let node) = tasks[taskIndex].parent {
                    if !walkIntrospection(node, objectPlan, range, start: start, objectSlot: objectSlot) { return }
                    continue
                }
                let parent = tasks[taskIndex].parent
                objectPlan.steps.withUnsafeBufferPointer { steps in
                    for index in range {
                        // A sibling may have nulled the object (a non-null field failed).
                        if hasNulls && tree.slots[objectSlot].isNull { break }
                        let slot = start + index
                        if steps[index].plainRead {
                            // The common case of plain data: read, and for
                            // built-in scalars serialize, without the general machinery.
                            let value: ResolvedValue
                            switch parent {
                            case .json(let json):
                                guard let raw = json.rawFieldValue(named: steps[index].name) else {
                                    value = .null
                                    break
                                }
                                if let leaf = steps[index].fastLeaf(raw) {
                                    tree.slots[slot].value = .leaf(leaf)
                                    continue
                                }
                                value = .json(raw)
                            case .source(let source):
                                value = source.fieldValue(named: steps[index].name)
                                if case .json(let json) = value, let leaf = steps[index].fastLeaf(json) {
                                    tree.slots[slot].value = .leaf(leaf)
                                    continue
                                }
                            case .introspection(let node):
                                value = node.asFieldSource.fieldValue(named: steps[index].name)
                            }
                            let plan = objectPlan.fields[index]
                            if let runtime = plan.runtime {
                                complete(value, shape: runtime.shape, slot: slot, plan: plan)
                            }
                            continue
                        }
                        let plan = objectPlan.fields[index]
                        guard let runtime = plan.runtime else { continue }
                        // Introspection fields the executor answers itself (no resolver runs).
                        if let introspection = steps[index].introspection,
                            resolveIntrospection(
                                introspection, on: parent, objectPlan: objectPlan, position: index, slot: slot)
                        {
                            continue
                        }
                        if !runResolver(plan, runtime, parent: parent, slot: slot) { return }
                    }
                }
            }
        }
    }

    /// The fields of one introspection object: answered by the executor
    /// itself (`resolveIntrospection`), reading the object's value once for
    /// all of them. False when the task was found cancelled.
    private func walkIntrospection(
        _ node: IntrospectionNode, _ objectPlan: ObjectPlan, _ range: Range<Int>, start: Int, objectSlot: Int
    ) -> Bool {
        let index = schema.introspection
        return objectPlan.steps.withUnsafeBufferPointer { steps in
            for field in range {
                // A sibling may have nulled the object (a non-null field failed).
                if hasNulls && tree.slots[objectSlot].isNull { break }
                let slot = start + field
                if let introspection = steps[field].introspection,
                    resolveIntrospection(
                        introspection, of: node, in: index,
                        at: Place(objectPlan: objectPlan, position: field, slot: slot))
                {
                    continue
                }
                let plan = objectPlan.fields[field]
                guard let runtime = plan.runtime else { continue }
                if !runResolver(plan, runtime, parent: .introspection(node), slot: slot) { return false }
            }
            return true
        }
    }

    /// Runs a field's resolver (with its middleware) and completes its value.
    /// False, having run nothing, when the task was found cancelled.
    @inline(__always)
    private func runResolver(_ plan: FieldPlan, _ runtime: FieldRuntime, parent: ParentValue, slot: Int) -> Bool {
        // No resolver starts once the task is cancelled.
        if stopIfCancelled() { return false }
        let value = invoke(plan, runtime, parent: parent.asFieldSource, slot: slot)
        // A resolver's built-in scalar that needs no conversion is
        // stored as is, as for plain data.
        if case .json(let json) = value, let leaf = runtime.fastLeaf(json) {
            tree.slots[slot].value = .leaf(leaf)
            return true
        }
        complete(value, shape: runtime.shape, slot: slot, plan: plan)
        return true
    }

    /// Runs the field's middleware chain and resolver.
    @inline(__always)
    private func invoke(_ plan: FieldPlan, _ runtime: FieldRuntime, parent: any FieldSource, slot: Int)
        -> ResolvedValue
    {
        if case .failure(let error) = plan.arguments { return .failure(error) }
        if plan.readsProperty { return parent.fieldValue(named: runtime.name) }  // (arguments checked above)
        let field = FieldContext(execution: self, plan: plan, parent: parent, slot: slot)
        if plan.middleware.isEmpty { return resolve(field, runtime) }
        do {
            return try middlewareChain(plan, runtime, 0, field)
        } catch {
            return .failure(responseError(from: error))
        }
    }

    private func middlewareChain(_ plan: FieldPlan, _ runtime: FieldRuntime, _ index: Int, _ field: FieldContext)
        throws -> ResolvedValue
    {
        if index == plan.middleware.count { return resolve(field, runtime) }
        return try plan.middleware[index].resolve(field) { next in
            try middlewareChain(plan, runtime, index + 1, next)
        }
    }

    private func resolve(_ field: FieldContext, _ runtime: FieldRuntime) -> ResolvedValue {
        switch runtime.resolver {
        case .property:
            return field.parent.fieldValue(named: runtime.name)
        case .sync(let body):
            do {
                return try body(field)
            } catch {
                return .failure(responseError(from: error))
            }
        case .async(let body):
            return .async(AsyncResolution { try await body(field) })
        }
    }

    /// Awaits the level's async values together (inline when there is only one).
    private func awaitAsyncWork() async {
        let work = asyncWork
        asyncWork = []
        if work.count == 1 {
            let item = work[0]
            let value: ResolvedValue
            do { value = try await item.work.body() } catch { value = .failure(responseError(from: error)) }
            complete(value, shape: item.shape, slot: item.slot, plan: item.plan)
            return
        }
        var results = [Result<ResolvedValue, any Error>?](repeating: nil, count: work.count)
        await withTaskGroup(of: (Int, Result<ResolvedValue, any Error>).self) { group in
            for (index, item) in work.enumerated() {
                let body = item.work.body
                group.addTask {
                    do { return (index, .success(try await body())) } catch { return (index, .failure(error)) }
                }
            }
            for await (index, result) in group { results[index] = result }
        }
        for (item, result) in zip(work, results) {
            let value: ResolvedValue
            switch result {
            case .success(let resolved): value = resolved
            case .failure(let error): value = .failure(responseError(from: error))
            case nil: value = .null
            }
            complete(value, shape: item.shape, slot: item.slot, plan: item.plan)
        }
    }

    /// Sends one batch per loader with pending keys, then completes the
    /// values that waited on them (which may ask loaders again: those keys
    /// go into the next round).
    private func dispatchLoads() async {
        await loaders.dispatch()
        let waiting = pendingLoads
        pendingLoads = []
        for item in waiting {
            complete(item.work.request.resolve(in: loaders), shape: item.shape, slot: item.slot, plan: item.plan)
        }
    }
}
