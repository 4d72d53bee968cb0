/// Turns byte offsets of one source into lines and columns quickly: the start
/// of every line is found once, then each offset costs a binary search and a
/// scan of its own line. Validation may report thousands of locations (one
/// per spread of a long fragment cycle), and `Source.location(at:)` scans from
/// the start of the text each time.
///
/// Gives the same answers as `Source.location(at:)` for offsets that start a
/// token (never the middle of a `\r\n`): lines end at `\n`, `\r\n` or a lone
/// `\r`, and columns count UTF-16 code units, plus one.
struct SourceLineIndex {
    private let bytes: [UInt8]
    /// Byte offset of the first byte of each line; line 1 starts at 0.
    private let lineStarts: [Int]

    init(_ source: Source) {
        bytes = source.utf8
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        lineStarts = starts
    }

    func location(at offset: Int) -> SourceLocation {
        let end = min(max(offset, 0), bytes.count)
        // The last line starting at or before `end`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= end { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var position = lineStarts[low]
        while position < end {
            let byte = bytes[position]
            if byte & 0xC0 != 0x80 {
                column += byte >= 0xF0 && byte <= 0xF4 ? 2 : 1
            }
            position += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }
}
