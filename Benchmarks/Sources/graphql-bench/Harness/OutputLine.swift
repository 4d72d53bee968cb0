/// The one JSON line `graphql-bench` prints:
/// `{"engine": "...", "iterations": N, "opsPerSec": X, "cpuOpsPerSec": Y, "notes": [...], "result": {...}}`
/// where `result` is the engine's response bytes copied verbatim (`notes` only
/// when the engine has some) and `cpuOpsPerSec` counts per second of the process's
/// CPU time.
enum OutputLine {
    static func render(engine: String, notes: [String], measurement: Measurement) -> [UInt8] {
        var line: [UInt8] = []
        line.append(contentsOf: "{\"engine\":".utf8)
        appendString(engine, to: &line)
        line.append(contentsOf: ",\"iterations\":\(measurement.iterations)".utf8)
        line.append(contentsOf: ",\"opsPerSec\":\((measurement.opsPerSecond * 10).rounded() / 10)".utf8)
        line.append(contentsOf: ",\"cpuOpsPerSec\":\((measurement.opsPerCPUSecond * 10).rounded() / 10)".utf8)
        if !notes.isEmpty {
            line.append(contentsOf: ",\"notes\":[".utf8)
            for (index, note) in notes.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                appendString(note, to: &line)
            }
            line.append(UInt8(ascii: "]"))
        }
        line.append(contentsOf: ",\"result\":".utf8)
        line.append(contentsOf: measurement.lastResponse.isEmpty ? Array("null".utf8) : measurement.lastResponse)
        line.append(contentsOf: "}\n".utf8)
        return line
    }

    /// A JSON string literal per RFC 8259 section 7: quote, backslash and control
    /// characters escaped, everything else copied as UTF-8.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
