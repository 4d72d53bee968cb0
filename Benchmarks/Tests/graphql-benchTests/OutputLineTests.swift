import Testing

@testable import graphql_bench

@Suite struct OutputLineTests {
    @Test func theLineCarriesTheMeasuredFieldsAndTheResponseVerbatim() {
        let measurement = Measurement(
            iterations: 4, elapsed: .milliseconds(500), cpuTime: .seconds(2),
            lastResponse: Array(#"{"data":{"a":1}}"#.utf8))
        let line = String(decoding: OutputLine.render(engine: "x", notes: [], measurement: measurement), as: UTF8.self)
        #expect(
            line == #"{"engine":"x","iterations":4,"opsPerSec":8.0,"cpuOpsPerSec":2.0,"result":{"data":{"a":1}}}"#
                + "\n")
    }

    @Test func notesAppearOnlyWhenThereAreSome() {
        let measurement = Measurement(iterations: 1, elapsed: .seconds(1), lastResponse: Array("{}".utf8))
        let line = String(
            decoding: OutputLine.render(engine: "x", notes: ["one \"two\""], measurement: measurement), as: UTF8.self)
        #expect(line.contains(#","notes":["one \"two\""],"result":{}"#))
    }

    @Test func stringsAreEscapedPerRFC8259() {
        var bytes: [UInt8] = []
        OutputLine.appendString("a\"b\\c\nd\u{01}é", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""a\"b\\c\nd\u0001é""#)
    }
}
