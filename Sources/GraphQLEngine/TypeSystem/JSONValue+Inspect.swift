/// How values are shown inside error messages.
///
/// Clients and tools compare our messages with graphql-js 16's, which render a
/// value the way its `inspect` helper does: strings quoted as JSON, numbers as
/// JavaScript prints them (`1`, `1.5`, `1e+21`), lists as `[1, 2]` (at most ten
/// items) and objects as `{ a: 1 }`, nesting shown only three levels deep.
extension JSONValue {
    /// The value rendered for an error message, as graphql-js's `inspect` renders it.
    public var inspected: String { inspect(depth: 0) }

    private func inspect(depth: Int) -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.javaScriptNumberString(d)
        case .string(let s): return JSONValue.jsonQuoted(s)
        case .list(let items):
            if items.isEmpty { return "[]" }
            if depth >= 2 { return "[Array]" }
            var parts = items.prefix(10).map { $0.inspect(depth: depth + 1) }
            let remaining = items.count - 10
            if remaining == 1 {
                parts.append("... 1 more item")
            } else if remaining > 1 {
                parts.append("... \(remaining) more items")
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .object(let entries):
            if entries.isEmpty { return "{}" }
            if depth >= 2 { return "[Object]" }
            let parts = entries.map { "\($0.key): \($0.value.inspect(depth: depth + 1))" }
            return "{ " + parts.joined(separator: ", ") + " }"
        }
    }

    /// A string quoted and escaped as `JSON.stringify` does.
    static func jsonQuoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A double formatted as JavaScript's `Number.prototype.toString` formats it:
    /// the shortest round-tripping digits, in fixed notation for decimal
    /// exponents from -6 to 20 and in exponent notation (`1e+21`) otherwise.
    public static func javaScriptNumberString(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        // Swift's description also yields the shortest round-tripping digits; only
        // the layout differs, so take its digits and decimal exponent apart.
        let text = abs(value).description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var digits = ""
        var pointPosition = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." {
                seenPoint = true
            } else {
                digits.append(character)
                if !seenPoint { pointPosition += 1 }
            }
        }
        // value = 0.digits × 10^n
        var n = pointPosition + exponent
        while digits.first == "0" {
            digits.removeFirst()
            n -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        let k = digits.count
        if k <= n && n <= 21 {
            return sign + digits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            let index = digits.index(digits.startIndex, offsetBy: n)
            return sign + digits[..<index] + "." + digits[index...]
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + digits
        }
        let e = n - 1
        let exponentText = (e < 0 ? "-" : "+") + String(abs(e))
        if k == 1 { return sign + digits + "e" + exponentText }
        return sign + String(digits.prefix(1)) + "." + String(digits.dropFirst()) + "e" + exponentText
    }
}
