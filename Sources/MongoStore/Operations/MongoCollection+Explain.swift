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

    /// Whether the winning plan reads an index (no collection scan).
    public var usesIndex: Bool {
        let stages = winningPlanStages
        return stages.contains {
            $0.contains("IXSCAN") || $0.contains("GEO_NEAR") || $0 == "IDHACK" || $0 == "EXPRESS_IXSCAN"
        }
            && !stages.contains("COLLSCAN")
    }

    private static func collectStages(_ value: BSONValue, into stages: inout [String]) {
        switch value {
        case .document(let document):
            if case .string(let stage)? = document["stage"] { stages.append(stage) }
            for element in document where element.key != "rejectedPlans" {
                collectStages(element.value, into: &stages)
            }
        case .array(let items):
            for item in items { collectStages(item, into: &stages) }
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
