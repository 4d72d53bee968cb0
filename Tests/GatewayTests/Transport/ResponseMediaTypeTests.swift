import Testing

@testable import Gateway

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
            ("APPLICATION/JSON", .json),
            ("  application/json ; q=0.5 ,\tApplication/GraphQL-Response+JSON;Q=0.9", .graphQLResponseJSON),
            ("application/json; charset=utf-8; q=\"0.7\", */*;q=0.2", .json),
            (",, ,application/json,", .json),
            ("application/jsonx, application/json-seq", nil),
            ("application/json;q=abc", nil),
            ("   ", .graphQLResponseJSON),
        ] as [(String?, ResponseMediaType?)])
    func negotiate(accept: String?, expected: ResponseMediaType?) {
        #expect(ResponseMediaType.negotiate(accept: accept) == expected)
    }

    @Test(
        "POST bodies are read only as JSON in UTF-8",
        arguments: [
            ("application/json", true), ("Application/JSON", true), ("application/json; charset=utf-8", true),
            ("application/json;charset=\"UTF-8\"", true), ("application/json; charset=utf8", true),
            (" application/json ; foo=bar", true), ("application/json; charset=latin1", false),
            ("application/graphql", false), ("application/jsonx", false), ("text/plain", false), ("", false),
            ("application/json, text/plain", false),
        ] as [(String, Bool)])
    func requestBody(contentType: String, expected: Bool) {
        #expect(RequestMediaType.isJSON(contentType) == expected)
    }

    @Test("no Content-Type is not JSON")
    func missingContentType() {
        #expect(!RequestMediaType.isJSON(nil))
    }
}
