import Testing

@testable import Security

@Suite("API key headers")
struct APIKeyHeadersTests {
    let key = "sk_live_" + String(repeating: "A", count: 43)

    @Test("the key is read from Authorization: Bearer or X-API-Key, names and scheme in any case")
    func accepted() throws {
        let forms: [[(name: String, value: String)]] = [
            [("Authorization", "Bearer \(key)")], [("authorization", "bearer  \(key) ")],
            [("AUTHORIZATION", "BEARER \(key)")],
            [("X-API-Key", key)], [("x-api-key", " \(key)")],
            [("Authorization", "Bearer \(key)"), ("X-API-Key", key)],
            [("Accept", "application/json"), ("X-Api-Key", key), ("Cookie", "a=b")],
        ]
        for headers in forms {
            #expect(try APIKeyHeaders.credential(in: headers) == key)
        }
    }

    @Test("no key header means an anonymous request")
    func absent() throws {
        #expect(try APIKeyHeaders.credential(in: [("Accept", "*/*")]) == nil)
        #expect(try APIKeyHeaders.credential(in: []) == nil)
    }

    @Test(
        "an unusable key header is an invalid key",
        arguments: [
            [("Authorization", "Basic dXNlcjpwYXNz")], [("Authorization", "Bearer")], [("Authorization", "Bearer ")],
            [("Authorization", "sk_live_abc")], [("Authorization", "Bearer a b")], [("X-API-Key", "")],
            [("X-API-Key", "a b")], [("X-API-Key", "k1"), ("X-API-Key", "k1")],
            [("Authorization", "Bearer k1"), ("Authorization", "Bearer k1")],
            [("Authorization", "Bearer k1"), ("X-API-Key", "k2")],
        ])
    func refused(_ headers: [(String, String)]) {
        #expect(throws: AuthenticationError.invalidKey) {
            try APIKeyHeaders.credential(in: headers.map { (name: $0.0, value: $0.1) })
        }
    }
}
