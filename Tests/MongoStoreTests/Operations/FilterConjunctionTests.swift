import MongoStore
import Testing

/// `BSONDocument.and(_:)`: one document of conditions whenever that means the
/// same as an `$and` (the embedded database plans a top-level `$and` as a
/// collection scan), an `$and` otherwise.
@Suite struct FilterConjunctionTests {
    static let rider: BSONValue = .objectID(ObjectID())

    @Test func aRepeatedConditionIsKeptOnce() {
        let query: BSONDocument = ["riderId": Self.rider, "status": ["$in": ["requested"]]]
        #expect(query.and(["riderId": Self.rider]) == query)
    }

    @Test func conditionsOnOtherFieldsAreAddedBeside() {
        let rule: BSONDocument = ["riderId": Self.rider]
        #expect(
            (["status": "completed"] as BSONDocument).and(rule) == ["status": "completed", "riderId": Self.rider])
        #expect(
            rule.and(["$or": [["a": 1], ["b": 2]]]) == ["riderId": Self.rider, "$or": [["a": 1], ["b": 2]]])
    }

    @Test func twoDifferentConditionsOnOneFieldOrOperatorStayInAnAnd() {
        let other: BSONValue = .objectID(ObjectID())
        let query: BSONDocument = ["riderId": Self.rider]
        #expect(query.and(["riderId": other]) == ["$and": [.document(query), ["riderId": other]]])
        let either: BSONDocument = ["$or": [["a": 1], ["b": 2]]]
        let another: BSONDocument = ["$or": [["c": 3], ["d": 4]]]
        #expect(either.and(another) == ["$and": [.document(either), .document(another)]])
    }

    @Test func anEmptyFilterAddsNothing() {
        let query: BSONDocument = ["riderId": Self.rider]
        #expect(query.and([:]) == query)
        #expect(BSONDocument().and(query) == query)
    }

    @Test func onOneValueFieldsEqualityAndInAreIntersected() {
        let (a, b, c): (BSONValue, BSONValue, BSONValue) = (
            .objectID(ObjectID()), .objectID(ObjectID()), .objectID(ObjectID())
        )
        let listed: BSONDocument = ["_id": ["$in": [a, b]], "status": "approved"]
        #expect(listed.and(["_id": a], oneValueFields: true) == ["_id": a, "status": "approved"])
        #expect(listed.and(["_id": ["$in": [b, c]]], oneValueFields: true) == ["_id": b, "status": "approved"])
        #expect(listed.and(["_id": c], oneValueFields: true) == ["_id": ["$in": []], "status": "approved"])
        #expect(
            listed.and(["_id": ["$in": [a, b, c]]], oneValueFields: true)
                == ["_id": ["$in": [a, b]], "status": "approved"])
        // Not asked for (a field may hold an array), or not an equality or a lone $in: an $and.
        #expect(listed.and(["_id": a]) == ["$and": [.document(listed), ["_id": a]]])
        let range: BSONDocument = ["_id": ["$gt": a]]
        #expect(listed.and(range, oneValueFields: true) == ["$and": [.document(listed), .document(range)]])
    }

    @Test func thisFiltersFieldsComeFirstInTheirOrder() {
        let query: BSONDocument = ["driverId": Self.rider, "status": "accepted"]
        let merged = query.and(["riderId": Self.rider, "driverId": Self.rider])
        #expect(merged.keys == ["driverId", "status", "riderId"])
    }
}
