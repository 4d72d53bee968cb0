import Foundation
import Logging

/// One JSON object per log line (`SUPPORTCARR_LOG_FORMAT=json`), for log
/// pipelines that index fields rather than parse text:
/// `{"time":"…","level":"info","label":"supportcarr.gateway","message":"graphql request","source":"Gateway","metadata":{…}}`.
/// Metadata keeps its structure (dictionaries as objects, arrays as arrays,
/// everything else as strings, as swift-log hands it over). Written on
/// ``BufferedLogOutput`` like the text format, flushed at once from `warning` up.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private let output: BufferedLogOutput

    init(label: String, output: BufferedLogOutput = .shared) {
        self.label = label
        self.output = output
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        output.write(Self.line(for: event, label: label, base: metadata, provided: metadataProvider?.get()))
        if event.level >= .warning { output.flush() }
    }

    /// The line of `event`: the handler's metadata, then the provider's, then the event's own win.
    static func line(
        for event: LogEvent, label: String, base: Logger.Metadata, provided: Logger.Metadata?,
        at date: Date = Date()
    ) -> String {
        var merged = base
        if let provided { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        var line = "{\"time\":"
        appendString(date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)), to: &line)
        line += ",\"level\":"
        appendString(event.level.rawValue, to: &line)
        line += ",\"label\":"
        appendString(label, to: &line)
        line += ",\"message\":"
        appendString(event.message.description, to: &line)
        line += ",\"source\":"
        appendString(event.source, to: &line)
        if !merged.isEmpty {
            line += ",\"metadata\":"
            append(.dictionary(merged), to: &line)
        }
        line += "}\n"
        return line
    }

    private static func append(_ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let text): appendString(text, to: &line)
        case .stringConvertible(let convertible): appendString(convertible.description, to: &line)
        case .dictionary(let entries):
            line += "{"
            // Sorted keys: the same metadata gives the same line.
            for (offset, key) in entries.keys.sorted().enumerated() {
                if offset > 0 { line += "," }
                appendString(key, to: &line)
                line += ":"
                append(entries[key]!, to: &line)
            }
            line += "}"
        case .array(let items):
            line += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { line += "," }
                append(item, to: &line)
            }
            line += "]"
        }
    }

    /// A JSON string (RFC 8259, section 7): quotes, backslashes and control
    /// characters escaped, everything else as it is.
    static func appendString(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }
}
