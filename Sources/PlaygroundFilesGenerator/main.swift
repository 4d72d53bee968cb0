// PlaygroundFilesGenerator: the build-time half of `PlaygroundFiles`.
//
// Usage: PlaygroundFilesGenerator ROOT OUTPUT.swift RELATIVE_PATH...
//
// Reads each ROOT/RELATIVE_PATH and writes OUTPUT.swift: one `[UInt8]` constant
// per file (from an escaped string literal for UTF-8 text, else a byte-array literal) and a table from the relative path to its bytes and entity tag. Run by
// `PlaygroundFilesPlugin` on every build where an input changed; never by hand.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: PlaygroundFilesGenerator ROOT OUTPUT.swift PATH...\n".utf8))
    exit(64)
}
let root = URL(filePath: arguments[1], directoryHint: .isDirectory)
let output = URL(filePath: arguments[2])
let paths = Array(arguments.dropFirst(3))

var source = """
    // Generated at build time by PlaygroundFilesGenerator from Playground/. Do not edit:
    // the build regenerates it, and it is never committed.

    extension PlaygroundFiles {

    """
var table: [String] = []
for (index, path) in paths.enumerated() {
    let bytes: Data
    do {
        bytes = try Data(contentsOf: root.appending(path: path))
    } catch {
        FileHandle.standardError.write(Data("PlaygroundFilesGenerator: cannot read \(path): \(error)\n".utf8))
        exit(1)
    }
    let name = "file\(index)"
    source += "    /// `Playground/\(path)`, \(bytes.count) bytes.\n"
    if let text = String(data: bytes, encoding: .utf8), Data(text.utf8) == bytes {
        // Text: one escaped string literal compiles in milliseconds where a byte-array
        // literal of the same size takes the type checker tens of seconds.
        source +=
            "    private static let \(name): [UInt8] = Array(\n        \(swiftStringLiteral(text))\n            .utf8)\n\n"
    } else {
        source += "    private static let \(name): [UInt8] = [\n"
        var line = "       "
        for byte in bytes {
            let literal = " 0x" + (byte < 16 ? "0" : "") + String(byte, radix: 16) + ","
            if line.count + literal.count > 118 {
                source += line + "\n"
                line = "       "
            }
            line += literal
        }
        if line.count > 7 { source += line + "\n" }
        source += "    ]\n\n"
    }
    table.append("        \(swiftStringLiteral(path)): (\(name), \(swiftStringLiteral(entityTag(of: bytes)))),")
}
source += "    /// Every embedded file by its path relative to `Playground/`, with its entity tag.\n"
source += "    static let files: [String: (bytes: [UInt8], entityTag: String)] = [\n"
source += table.isEmpty ? "        :\n" : table.joined(separator: "\n") + "\n"
source += "    ]\n}\n"

do {
    // Rewriting identical text would still bump the file's date and recompile the target.
    if (try? String(contentsOf: output, encoding: .utf8)) != source {
        try source.write(to: output, atomically: true, encoding: .utf8)
    }
} catch {
    FileHandle.standardError.write(Data("PlaygroundFilesGenerator: cannot write \(output.path): \(error)\n".utf8))
    exit(1)
}

/// A strong entity tag (RFC 9110, section 8.8.3) for a file's bytes: FNV-1a, 64 bits,
/// in hex, quoted. Enough to tell versions of one file apart; not a security measure.
func entityTag(of bytes: Data) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
}

/// `text` as a one-line Swift string literal whose UTF-8 is exactly `text`'s: quotes,
/// backslashes and control characters (line breaks included, so the compiler never
/// sees a raw line ending it might normalise) are escaped; everything else is literal.
func swiftStringLiteral(_ text: String) -> String {
    var literal = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": literal += "\\\""
        case "\\": literal += "\\\\"
        case _ where scalar.value < 0x20 || scalar.value == 0x7f:
            literal += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: literal.unicodeScalars.append(scalar)
        }
    }
    return literal + "\""
}
