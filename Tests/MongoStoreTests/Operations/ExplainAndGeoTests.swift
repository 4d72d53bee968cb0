import MongoStore
import Testing

@Suite struct ExplainAndGeoTests {
    @Test func explainShowsAnIndexScanWithAnIndexAndACollectionScanWithout() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let c = db.collection("rescues")
            try await c.insertMany((0..<50).map { ["riderId": .int32(Int32($0 % 5)), "n": .int32(Int32($0))] })
            let before = try await c.explainFind(["riderId": 3])
            #expect(before.winningPlanStages.contains("COLLSCAN"), "\(before.document)")
            #expect(!before.usesIndex)
            try await c.createIndex(IndexModel(keys: ["riderId": 1]))
            let after = try await c.explainFind(["riderId": 3], options: FindOptions(sort: ["riderId": 1]))
            #expect(after.winningPlanStages.contains("IXSCAN"), "\(after.document)")
            #expect(after.usesIndex)
            let aggregate = try await c.explainAggregate([["$match": ["riderId": 3]]])
            #expect(aggregate.winningPlanStages.contains("IXSCAN"), "\(aggregate.document)")
        }
    }

    @Test func aNearQueryOnA2dsphereIndexReturnsTheClosestFirst() async throws {
        try await LiveDatabase.withDatabase { _, db in
            let drivers = db.collection("drivers")
            try await drivers.createIndex(IndexModel(keys: ["location": "2dsphere"]))
            // Drivers east of a point, 0.01° of longitude apart (about 880 m at this latitude).
            try await drivers.insertMany((0..<30).map { i in
                [
                    "_id": .int32(Int32(i)),
                    "location": ["type": "Point", "coordinates": [.double(-122.40 + Double(i) * 0.01), 37.78]],
                ]
            })
            let near = try await drivers.find(
                [
                    "location": [
                        "$near": [
                            "$geometry": ["type": "Point", "coordinates": [-122.40, 37.78]],
                            "$maxDistance": 5_000,
                        ]
                    ]
                ], options: FindOptions(limit: 20))
            let ids = try near.map { try $0.get("_id", as: Int.self) }
            #expect(ids == [0, 1, 2, 3, 4, 5])  // 5 is 4.4 km away, 6 is 5.3 km
            // Without a maximum distance: the 20 nearest, nearest first, from the far end.
            let nearest = try await drivers.find(
                ["location": ["$near": ["$geometry": ["type": "Point", "coordinates": [-122.10, 37.78]]]]],
                options: FindOptions(limit: 20))
            #expect(try nearest.map { try $0.get("_id", as: Int.self) } == Array((10..<30).reversed()))
        }
    }
}
