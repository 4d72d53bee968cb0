/// Hooks around the stages of a request in the engine, so a server can time
/// them or trace them (as spans) without the engine depending on a tracing
/// library: it only calls each stage through the instrumentation it was given.
///
/// Each hook must run `body` exactly once and return what it returned. A
/// stage's nested stages and the resolvers' awaits run inside `body`, so task
/// locals the hook binds around it (a span's context) are what they see.
/// Without an instrumentation (the default) the engine calls the stages
/// directly: no closure, no allocation.
public protocol ExecutionInstrumentation: Sendable {
    /// Runs a synchronous stage (parsing, validation).
    func run<R>(_ stage: ExecutionStage, _ body: () throws -> R) rethrows -> R

    /// Runs an asynchronous stage (an operation's execution, one level of it).
    func run<R>(_ stage: ExecutionStage, _ body: () async -> R) async -> R
}

/// A stage of a request as `ExecutionInstrumentation` sees it. What it
/// carries is shape, never values: no document text, no variables.
public enum ExecutionStage: Sendable {
    /// Lexing and parsing a document's text (only on a document cache miss).
    case parse
    /// The validation rules over a parsed document (only on a cache miss).
    case validate
    /// Executing one operation, its name as the client wrote it (any length:
    /// bound it before it reaches a label or an attribute).
    case execute(OperationType, name: String?)
    /// One level of execution: every field at one depth, then the level's
    /// loader batches (https://spec.graphql.org/October2021/#sec-Executing-Selection-Sets
    /// runs fields; the engine groups them by depth, `Executor`).
    ///
    /// - `depth`: 1 for the root fields' objects.
    /// - `objects`: the objects whose fields this level resolves.
    case level(depth: Int, objects: Int)
}
