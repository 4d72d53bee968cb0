import MongoStore
import SupportCarrData
import Testing

@testable import Resolvers

extension SeededSuites {
    /// `MongoReadChannel` against the live database.
    @Suite struct MongoReadChannelTests {
        @Test func aSharedReadHandsEveryReadTheDocumentsOfItsOwnFindInOrder() async throws {
            try await SeededDatabase.with { fixture in
                let rescues = try await fixture.collection(.rescueRequests).find(
                    [:], options: FindOptions(sort: ["requestedAt": -1, "_id": -1], limit: 40))
                let ids: [BSONValue] = rescues.compactMap { $0["_id"] }
                let riders: [BSONValue] = rescues.compactMap { $0["riderId"] }
                let reads = [
                    MongoRead(
                        .rescueStatusHistories, filter: ["rescueId": ["$in": .array(ids)]],
                        sort: ["timestamp": -1, "_id": 1]),
                    MongoRead(.riderProfiles, filter: ["_id": ["$in": .array(riders)]]),
                    // Two reads of one collection, one of them empty.
                    MongoRead(
                        .rescueRequests, filter: ["_id": ["$in": .array(Array(ids.prefix(5)))]], sort: ["_id": 1]),
                    MongoRead(.rescueRequests, filter: ["_id": ["$in": [.objectID(ObjectID())]]]),
                    MongoRead(.ratings, filter: ["rescueId": ["$in": .array(ids)]], sort: ["createdAt": 1, "_id": 1]),
                ]
                let shared = try await MongoReadChannel(fixture.database).send(reads)
                #expect(shared.count == reads.count)
                for (read, documents) in zip(reads, shared) {
                    let direct = try await fixture.collection(read.collection).find(
                        read.filter, options: FindOptions(sort: read.sort))
                    if read.sort != nil {
                        #expect(documents == direct, "\(read.collection.name)")
                    } else {
                        #expect(Set(documents.compactMap { $0["_id"] }) == Set(direct.compactMap { $0["_id"] }))
                        #expect(documents.count == direct.count)
                    }
                }
                #expect(shared[3].isEmpty)
                #expect(!shared[0].isEmpty && !shared[1].isEmpty && !shared[4].isEmpty)
            }
        }
    }
}
