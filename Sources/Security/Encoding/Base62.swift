/// Base62 (`0-9A-Za-z`) of a fixed-width big-endian number: the body of an API
/// key. Only letters and digits, so a key survives double-click selection,
/// URLs, shells and HTTP headers untouched.
enum Base62 {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// The number of digits `byteCount` bytes always fit in: ceil(8n / log2 62).
    static func width(forBytes byteCount: Int) -> Int {
        var digits = 0
        var capacity = 1.0
        let needed = Double(byteCount) * 8
        while capacity < needed {
            digits += 1
            capacity = Double(digits) * 5.954196310386876  // log2(62)
        }
        return digits
    }

    /// `bytes` as exactly `width(forBytes: bytes.count)` digits, zero-padded.
    static func encode(_ bytes: [UInt8]) -> String {
        var number = bytes
        var digits: [UInt8] = []
        let width = width(forBytes: bytes.count)
        while digits.count < width {
            // Divide the big-endian number by 62 in place; the remainder is the next digit.
            var remainder = 0
            for index in number.indices {
                let value = remainder << 8 | Int(number[index])
                number[index] = UInt8(value / 62)
                remainder = value % 62
            }
            digits.append(alphabet[remainder])
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// The `byteCount` bytes `text` encodes, or nil when it holds a character
    /// outside the alphabet or a number too large for `byteCount` bytes.
    static func decode(_ text: some StringProtocol, byteCount: Int) -> [UInt8]? {
        var number = [UInt8](repeating: 0, count: byteCount)
        for character in text.utf8 {
            guard let digit = value(of: character) else { return nil }
            // number = number * 62 + digit
            var carry = digit
            for index in number.indices.reversed() {
                let value = Int(number[index]) * 62 + carry
                number[index] = UInt8(value & 0xff)
                carry = value >> 8
            }
            guard carry == 0 else { return nil }
        }
        return number
    }

    static func isDigit(_ character: UInt8) -> Bool { value(of: character) != nil }

    private static func value(of character: UInt8) -> Int? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(character - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(character - UInt8(ascii: "A")) + 10
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(character - UInt8(ascii: "a")) + 36
        default: nil
        }
    }
}
