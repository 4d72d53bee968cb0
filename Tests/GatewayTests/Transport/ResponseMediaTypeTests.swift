import Gateway
import Testing

@Suite("Accept negotiation")
struct ResponseMediaTypeTests {
    @Test(
        "Accept headers map to the media type served (nil is 406)",
        arguments: [
            (nil, ResponseMediaType.graphQLResponseJSON),
            ("", .graphQLResponseJSON),
            ("application/json", .json),
            ("application/graphql-response+json", .graphQLResponseJSON),
            ("application/graphql-response+json, application/json", .graphQLResponseJSON),
            ("application/json, application/graphql-response+json", .json),
            ("application/json;q=0.5, application/graphql-response+json;q=0.9", .graphQLResponseJSON),
            ("text/html, */*;q=0.1", .graphQLResponseJSON),
            ("application/*", .graphQLResponseJSON),
            ("text/html", nil),
            ("application/json;q=0", nil),
        ] as [(String?, ResponseMediaType?)])
    func negotiate(accept: String?, expected: ResponseMediaType?) {
        #expect(ResponseMediaType.negotiate(accept: accept) == expected)
    }
}
