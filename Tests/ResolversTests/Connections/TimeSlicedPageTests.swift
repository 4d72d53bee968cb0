import MongoStore
import TestSupport
import Testing

@testable import Resolvers

/// A list read in time slices holds exactly the rows, in exactly the order,
/// of one find sorted newest first, page after page through the cursors,
/// whatever the rows' spacing: a dense burst after a long quiet stretch,
/// sparse years, ties on one key, rows before 1970, a filter that matches a
/// few, a filter's own date range.
@Suite("Time-sliced connection pages")
struct TimeSlicedPageTests {
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 24 * hour

    /// Rows spaced as the embedded database finds hardest, by a fixed seed.
    static func rows() -> [BSONDocument] {
        var random = SeededRandom(seed: 11)
        let now = BSONDate.now().millisecondsSinceEpoch
        var keys: [Int64] = []
        // A burst of 150 rows within two minutes, ten hours ago.
        keys += (0..<150).map { _ in now - 10 * hour - Int64.random(in: 0...120_000, using: &random) }
        // 80 rows over the hundred days before it.
        keys += (0..<80).map { _ in now - 11 * hour - Int64.random(in: 0...(100 * day), using: &random) }
        // Ten rows on one millisecond, three before 1970, two in the future.
        keys += Array(repeating: now - 30 * day, count: 10)
        keys += [-5 * 365 * day, -day, -1]
        keys += [now + hour, now + 2 * day]
        return keys.enumerated().map { index, key in
            [
                "_id": .objectID(ObjectID()), "requestedAt": .date(BSONDate(millisecondsSinceEpoch: key)),
                "status": index % 7 == 0 ? "cancelled" : "completed",
            ]
        }
    }

    static func key(_ row: BSONDocument) -> Int64 {
        if case .date(let date)? = row["requestedAt"] { return date.millisecondsSinceEpoch }
        return .min
    }

    static func id(_ row: BSONDocument) -> ObjectID {
        if case .objectID(let id)? = row["_id"] { return id }
        return ObjectID()
    }

    @Test(
        "Every page equals the one-find page, for page sizes 6 and 50 and filters matching all, a seventh, a range",
        arguments: [6, 50])
    func pagesEqualOneSortedFind(first: Int) async throws {
        try await LiveDatabase.withDatabase { _, database in
            let collection = database.collection("rescuerequests")
            try await collection.createIndex(IndexModel(keys: ["requestedAt": 1]))
            let rows = Self.rows()
            _ = try await collection.insertMany(rows)
            let now = BSONDate.now().millisecondsSinceEpoch
            let filters: [(BSONDocument, (BSONDocument) -> Bool)] = [
                ([:], { _ in true }),
                (["status": ["$in": ["cancelled"]]], { $0["status"] == "cancelled" }),
                (
                    [
                        "requestedAt": [
                            "$gte": .date(BSONDate(millisecondsSinceEpoch: now - 40 * Self.day)),
                            "$lt": .date(BSONDate(millisecondsSinceEpoch: now - 10 * Self.hour - 60_000)),
                        ]
                    ],
                    { row in
                        (now - 40 * Self.day..<now - 10 * Self.hour - 60_000).contains(Self.key(row))
                    }
                ),
            ]
            for (filter, matches) in filters {
                #expect(TimeSlicedPage.applies(to: filter, sortField: "requestedAt"))
                let expected = rows.filter(matches).sorted {
                    (Self.key($0), Self.id($0).hex) > (Self.key($1), Self.id($1).hex)
                }
                // Twice: without the hints of an earlier read, then with them.
                for _ in 0..<2 {
                    var seen: [BSONDocument] = []
                    var after: Cursor?
                    while true {
                        let page = TimeSlicedPage(
                            collection: collection, filter: filter, sortField: "requestedAt", limit: first + 1,
                            after: after)
                        let read = try await page.read()
                        #expect(read.count <= first + 1)
                        seen += read.prefix(first)
                        guard read.count > first, let last = read.prefix(first).last,
                            case .date(let lastKey)? = last["requestedAt"]
                        else { break }
                        after = Cursor(sortKey: lastKey, id: Self.id(last))
                    }
                    #expect(seen.map(Self.id) == expected.map(Self.id), "filter \(filter), first \(first)")
                }
            }
        }
    }

    @Test("Lists that name an owner or a row by id are one find; other conditions of the sort field are too")
    func whoIsSliced() {
        let id = BSONValue.objectID(ObjectID())
        #expect(!TimeSlicedPage.applies(to: ["riderId": id], sortField: "createdAt"))
        #expect(
            !TimeSlicedPage.applies(to: ["status": "requested", "driverId": ["$in": [id]]], sortField: "createdAt"))
        #expect(!TimeSlicedPage.applies(to: ["$and": [["status": "x"], ["_id": id]]], sortField: "createdAt"))
        #expect(!TimeSlicedPage.applies(to: ["createdAt": ["$gt": .date(.now())]], sortField: "createdAt"))
        #expect(TimeSlicedPage.applies(to: ["status": ["$in": ["requested"]]], sortField: "createdAt"))
        #expect(TimeSlicedPage.applies(to: ["riderId": ["$exists": true]], sortField: "createdAt"))
        // An owner's condition moves first, where the planner looks.
        let filter: BSONDocument = ["status": "requested", "riderId": id]
        #expect(filter.idConditionsFirst().keys == ["riderId", "status"])
    }
}
