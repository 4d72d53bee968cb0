import Testing

@testable import GraphQLEngine

@Suite struct SourceLineIndexTests {
    @Test(arguments: [
        "{ a }",
        "query {\n  a\r\n  b\r  c\n\n}",
        "\r\n\r\n{ é { 😀 ü } }\n",
        "# comment\n\r{ x(s: \"💡 and ✓\") }",
        "",
    ])
    func givesTheSameLinesAndColumnsAsTheSourceAtEveryTokenStart(text: String) {
        let source = Source(text)
        let index = SourceLineIndex(source)
        let bytes = Array(text.utf8)
        for offset in 0...bytes.count {
            // Token starts never fall inside a UTF-8 sequence or a \r\n pair.
            if offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { continue }
            if offset > 0 && offset < bytes.count && bytes[offset - 1] == 0x0D && bytes[offset] == 0x0A { continue }
            #expect(
                index.location(at: offset) == source.location(at: offset),
                "offset \(offset) of \(String(reflecting: text))")
        }
    }
}
