/// The query plan the server chose, as `explain` (verbosity "queryPlanner") reports it.
/// https://www.mongodb.com/docs/manual/reference/explain-results/
public struct MongoExplanation: Sendable {
    /// The whole reply.
    public let document: BSONDocument

    /// Every `stage` in the winning plan, outermost first (`["FETCH", "IXSCAN"]`,
    /// `["COLLSCAN"]`, `["LIMIT", "GEO_NEAR_2DSPHERE"]`...).
    public var winningPlanStages: [String] {
        var stages: [String] = []
        let plan =
            document[path: "queryPlanner.winningPlan"] ?? document[path: "stages.0.$cursor.queryPlanner.winningPlan"]
        if let plan { Self.collectStages(plan, into: &stages) }
        return stages
    }

    /// The names of the indexes the winning plan reads (`riderId_1_createdAt_-1`).
    public var indexNames: [String] {
        var names: [String] = []
        let plan =
            document[path: "queryPlanner.winningPlan"] ?? document[path: "stages.0.$cursor.queryPlanner.winningPlan"]
        if let plan { Self.collect("indexName", in: plan, into: &names) }
        return names
    }

    /// Whether the winning plan reads an index (no collection scan).
    public var usesIndex: Bool {
        let stages = winningPlanStages
        return stages.contains {
            $0.contains("IXSCAN") || $0.contains("GEO_NEAR") || $0 == "IDHACK" || $0 == "EXPRESS_IXSCAN"
        }
            && !stages.contains("COLLSCAN")
    }

    private static func collectStages(_ value: BSONValue, into stages: inout [String]) {
        collect("stage", in: value, into: &stages)
    }

    /// Every string value of `key` in the plan, outermost first (rejected plans left out).
    private static func collect(_ key: String, in value: BSONValue, into found: inout [String]) {
        switch value {
        case .document(let document):
            if case .string(let text)? = document[key] { found.append(text) }
            for element in document where element.key != "rejectedPlans" {
                collect(key, in: element.value, into: &found)
            }
        case .array(let items):
            for item in items { collect(key, in: item, into: &found) }
        default:
            break
        }
    }
}

extension MongoCollection {
    /// Explains the `find` these arguments would run.
    public func explainFind(_ filter: BSONDocument = [:], options: FindOptions = FindOptions()) async throws(MongoError)
        -> MongoExplanation
    {
        var find: BSONDocument = ["find": .string(name), "filter": .document(filter)]
        for element in options.document { find[element.key] = element.value }
        return try await explain(find)
    }

    /// Explains an aggregation.
    public func explainAggregate(_ pipeline: [BSONDocument]) async throws(MongoError) -> MongoExplanation {
        try await explain([
            "aggregate": .string(name), "pipeline": .array(pipeline.map { .document($0) }), "cursor": .document([:]),
        ])
    }

    private func explain(_ command: BSONDocument) async throws(MongoError) -> MongoExplanation {
        let reply = try await database.runCommand(["explain": .document(command), "verbosity": "queryPlanner"])
        return MongoExplanation(document: reply)
    }
}
