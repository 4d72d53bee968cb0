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
            try await drivers.insertMany(
                (0..<30).map { i in
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
            // The set within 5 km: 5 is 4.4 km away, 6 is 5.3 km. (SecantusDB 0.7 does
            // not order `$near` results by distance as MongoDB does, so only the set is
            // checked here; `$geoNear` below checks the order.)
            let ids = try near.map { try $0.get("_id", as: Int.self) }
            #expect(Set(ids) == Set(0...5), "\(ids)")
            let explained = try await drivers.explainFind(
                ["location": ["$near": ["$geometry": ["type": "Point", "coordinates": [-122.40, 37.78]]]]],
                options: FindOptions(limit: 20))
            #expect(explained.usesIndex, "\(explained.document)")
            // $geoNear: the 20 nearest to the far end, nearest first, with distances.
            let nearest = try await drivers.aggregate([
                [
                    "$geoNear": [
                        "near": ["type": "Point", "coordinates": [-122.10, 37.78]], "distanceField": "meters",
                        "key": "location",
                    ]
                ],
                ["$limit": 20],
            ])
            let nearestIDs = try nearest.map { try $0.get("_id", as: Int.self) }
            #expect(nearestIDs == Array((10..<30).reversed()), "\(nearestIDs)")
            let meters = try nearest.map { try $0.get("meters", as: Double.self) }
            #expect(meters == meters.sorted())
        }
    }
}
