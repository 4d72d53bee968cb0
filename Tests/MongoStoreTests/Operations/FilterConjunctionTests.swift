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
}
