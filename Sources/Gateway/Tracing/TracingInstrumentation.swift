import GraphQLEngine
import Tracing

/// The engine's stages as spans (`ExecutionInstrumentation`): `graphql.parse`
/// and `graphql.validate` (on a document cache miss), `graphql.execute`
/// around an operation and `graphql.level` around each level of it, each the
/// child of the span active when it starts, so a level's database commands
/// (MongoStore's `CommandInstrumentation`) nest under it. Attributes are the
/// operation's type and bounded name and a level's depth and object count:
/// never the document or a variable.
struct TracingInstrumentation<T: Tracer>: ExecutionInstrumentation {
    let tracer: T

    func run<R>(_ stage: ExecutionStage, _ body: () throws -> R) rethrows -> R {
        try tracer.withSpan(Self.name(of: stage)) { span in
            Self.describe(stage, on: span)
            return try body()
        }
    }

    func run<R>(_ stage: ExecutionStage, _ body: () async -> R) async -> R {
        await tracer.withSpan(Self.name(of: stage)) { span in
            Self.describe(stage, on: span)
            return await body()
        }
    }

    static func name(of stage: ExecutionStage) -> String {
        switch stage {
        case .parse: "graphql.parse"
        case .validate: "graphql.validate"
        case .execute: "graphql.execute"
        case .level: "graphql.level"
        }
    }

    /// OpenTelemetry's GraphQL attribute names where there is one
    /// (https://opentelemetry.io/docs/specs/semconv/graphql/graphql-spans/).
    static func describe(_ stage: ExecutionStage, on span: some Span) {
        switch stage {
        case .parse, .validate: break
        case .execute(let type, let name):
            span.attributes["graphql.operation.type"] = type.rawValue
            span.attributes["graphql.operation.name"] = name.map(ClientText.bounded) ?? "anonymous"
        case .level(let depth, let objects):
            span.attributes["graphql.level.depth"] = depth
            span.attributes["graphql.level.objects"] = objects
        }
    }
}
