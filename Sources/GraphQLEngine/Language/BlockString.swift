/// Block strings (`"""..."""`): reading their value and writing one back
/// (https://spec.graphql.org/October2021/#sec-String-Value.Block-Strings).
enum BlockString {
    /// The value of a block string from its raw lines (after `\"""` unescaping):
    /// the common indentation of all lines but the first is removed, then
    /// leading and trailing blank lines, and the rest is joined with `\n`
    /// (https://spec.graphql.org/October2021/#BlockStringValue()).
    static func dedentedValue(lines: [[UInt8]]) -> String {
        var commonIndent = Int.max
        var firstNonEmpty: Int?
        var lastNonEmpty = -1
        for (index, line) in lines.enumerated() {
            let indent = leadingWhiteSpace(line)
            if indent == line.count { continue }  // blank line
            if firstNonEmpty == nil { firstNonEmpty = index }
            lastNonEmpty = index
            if index != 0 && indent < commonIndent { commonIndent = indent }
        }
        guard let first = firstNonEmpty else { return "" }
        var result: [UInt8] = []
        for index in first...lastNonEmpty {
            if index > first { result.append(0x0A) }
            let line = lines[index]
            if index == 0 {
                result.append(contentsOf: line)
            } else if commonIndent < line.count {
                result.append(contentsOf: line[commonIndent...])
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func leadingWhiteSpace(_ line: some Collection<UInt8>) -> Int {
        var count = 0
        for byte in line {
            guard byte == 0x20 || byte == 0x09 else { break }
            count += 1
        }
        return count
    }

    /// Writes `value` as a block string the way graphql-js 16's printer does:
    /// `"""` inside is escaped, and the text goes on its own lines when it has
    /// several lines, is long, or ends in a way that would be ambiguous.
    static func print(_ value: String) -> String {
        let raw = Array(value.utf8)
        // Escape every `"""`.
        var escaped: [UInt8] = []
        escaped.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            if raw[index] == 0x22, index + 2 < raw.count, raw[index + 1] == 0x22, raw[index + 2] == 0x22 {
                escaped.append(contentsOf: [0x5C, 0x22, 0x22, 0x22])
                index += 3
            } else {
                escaped.append(raw[index])
                index += 1
            }
        }
        // Split on line terminators to inspect the lines.
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = 0
        index = 0
        while index < escaped.count {
            let byte = escaped[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(escaped[lineStart..<index])
                index += (byte == 0x0D && index + 1 < escaped.count && escaped[index + 1] == 0x0A) ? 2 : 1
                lineStart = index
            } else {
                index += 1
            }
        }
        lines.append(escaped[lineStart..<escaped.count])

        let isSingleLine = lines.count == 1
        let forceLeadingNewLine =
            lines.count > 1
            && lines.dropFirst().allSatisfy { line in
                line.isEmpty || line.first == 0x20 || line.first == 0x09
            }
        let hasTrailingTripleQuotes =
            escaped.count >= 4 && escaped.suffix(4).elementsEqual([0x5C, 0x22, 0x22, 0x22])
        let hasTrailingQuote = raw.last == 0x22 && !hasTrailingTripleQuotes
        let hasTrailingSlash = raw.last == 0x5C
        let forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash
        let printAsMultipleLines =
            !isSingleLine || value.utf16.count > 70 || forceTrailingNewLine || forceLeadingNewLine
            || hasTrailingTripleQuotes
        let skipLeadingNewLine = isSingleLine && (raw.first == 0x20 || raw.first == 0x09)

        var result = "\"\"\""
        if (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine { result += "\n" }
        result += String(decoding: escaped, as: UTF8.self)
        if printAsMultipleLines || forceTrailingNewLine { result += "\n" }
        result += "\"\"\""
        return result
    }
}
