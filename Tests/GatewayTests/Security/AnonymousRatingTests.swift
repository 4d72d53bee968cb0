import Enforcement
import GraphQLEngine
import MongoStore
import Security
import Testing

/// `Rating.fromUserId` and `fromUser` of an anonymous rating, over HTTP: hidden
/// from the user rated, shown to the rater, support and admin.
@Suite("Anonymous ratings", .serialized)
struct AnonymousRatingTests {
    static func rating(from: ObjectID, to: ObjectID, anonymous: Bool) -> BSONDocument {
        [
            "_id": .objectID(ObjectID()), "rescueId": .objectID(ObjectID()), "fromUserId": .objectID(from),
            "toUserId": .objectID(to), "type": "driver_to_rider", "rating": 4, "tags": [],
            "isAnonymous": .bool(anonymous), "createdAt": .date(.now()),
        ]
    }

    @Test("the user rated gets null authors for anonymous ratings; the rater and support see them")
    func anonymousAuthorsAreHiddenFromTheUserRated() async throws {
        try await GatewayFixture.with(schema: try SecuritySchema.make()) { fixture in
            let rider = try await fixture.user(.rider)
            let driver = try await fixture.user(.driver)
            let support = try await fixture.user(.support)
            let anonymous = Self.rating(from: driver.id, to: rider.id, anonymous: true)
            let signed = Self.rating(from: driver.id, to: rider.id, anonymous: false)
            try await fixture.database.collection("ratings").insertMany([signed, anonymous])
            let anonymousID = try anonymous.get("_id", as: ObjectID.self)
            let query = """
                query($user: ObjectID!, $direction: RatingDirection, $id: ObjectID!) {
                  ratings(userId: $user, direction: $direction) { edges { node { id isAnonymous fromUserId fromUser { id } } } }
                  rating(id: $id) { fromUserId fromUser { id } }
                }
                """
            @Sendable func variables(_ user: ObjectID, _ direction: String) -> String {
                #"{"user":"\#(user.hex)","direction":"\#(direction)","id":"\#(anonymousID.hex)"}"#
            }
            /// `fromUserId` of each listed rating, by whether it is anonymous.
            @Sendable func authors(_ response: JSONValue?) -> [Bool: JSONValue?] {
                guard case .list(let edges)? = response?["data", "ratings", "edges"] else { return [:] }
                var found: [Bool: JSONValue?] = [:]
                for edge in edges {
                    guard case .bool(let isAnonymous)? = edge["node", "isAnonymous"] else { continue }
                    found[isAnonymous] = edge["node", "fromUserId"]
                }
                return found
            }
            let author = JSONValue.string(driver.id.hex)
            try await fixture.live { client in
                let rated = try await fixture.post(
                    query, variables: variables(rider.id, "RECEIVED"), key: rider.key, client: client)
                #expect(rated?["errors"] == nil, "\(String(describing: rated))")
                #expect(authors(rated) == [true: .null, false: author])
                #expect(rated?["data", "rating", "fromUserId"] == .null)
                #expect(rated?["data", "rating", "fromUser"] == .null)

                let rater = try await fixture.post(
                    query, variables: variables(driver.id, "GIVEN"), key: driver.key, client: client)
                #expect(authors(rater) == [true: author, false: author])
                #expect(rater?["data", "rating", "fromUserId"] == author)

                let staff = try await fixture.post(
                    query, variables: variables(rider.id, "RECEIVED"), key: support.key, client: client)
                #expect(staff?["errors"] == nil, "\(String(describing: staff))")
                #expect(authors(staff) == [true: author, false: author])
                #expect(staff?["data", "rating", "fromUser", "id"] == author)
            }
        }
    }
}
