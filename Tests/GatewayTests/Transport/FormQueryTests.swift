import Testing

@testable import Gateway

@Suite("GET query strings")
struct FormQueryTests {
    @Test("+ is a space and %XX a UTF-8 byte, as URLSearchParams writes them")
    func decoding() {
        let values = FormQuery.parse("query=%7B+hello(name%3A+%22Z%C3%BCrich%22)+%7D&operationName=&x")
        #expect(values["query"] == #"{ hello(name: "Zürich") }"#)
        #expect(values["operationName"] == "")
        #expect(values["x"] == "")
    }

    @Test("a stray or truncated percent sign is kept as it is; the first of a repeated name wins")
    func looseInput() {
        let values = FormQuery.parse("a=100%&b=%4&c=%zz&a=2")
        #expect(values["a"] == "100%")
        #expect(values["b"] == "%4")
        #expect(values["c"] == "%zz")
    }

    @Test("no query string gives no parameters")
    func empty() {
        #expect(FormQuery.parse(nil).isEmpty)
        #expect(FormQuery.parse("").isEmpty)
    }
}
