internal import Crypto

/// Text a client chose (an operation's name: any length the body limit
/// allows) on its way to a metrics label or a log field, held to a length
/// that cannot blow either up: text of at most `maxCharacters` characters
/// is kept as it is; longer text keeps its first `maxCharacters`
/// characters, then `~` and the first 12 hex digits of the SHA-256 of the
/// whole text, so two long names that share a beginning stay apart and one
/// name always maps to the same label.
enum ClientText {
    static let maxCharacters = 100

    static func bounded(_ text: String) -> String {
        // UTF-8 bytes are at least as many as characters: the common short case costs no character walk.
        guard text.utf8.count > maxCharacters, text.count > maxCharacters else { return text }
        let digest = SHA256.hash(data: Array(text.utf8))
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in digest.prefix(6) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(text.prefix(maxCharacters)) + "~" + String(decoding: hex, as: UTF8.self)
    }
}
