/// " Did you mean "A", "B", or "C"?" for up to five suggestions, or "" for none:
/// the hint graphql-js appends to "unknown name" messages.
func didYouMean(_ suggestions: [String], subMessage: String? = nil) -> String {
    let quoted = suggestions.prefix(5).map { "\"\($0)\"" }
    var message = " Did you mean "
    if let subMessage { message += subMessage + " " }
    switch quoted.count {
    case 0: return ""
    case 1: return message + quoted[0] + "?"
    case 2: return message + quoted[0] + " or " + quoted[1] + "?"
    default:
        return message + quoted.dropLast().joined(separator: ", ") + ", or " + quoted[quoted.count - 1] + "?"
    }
}

/// The options close enough to `input` to be worth suggesting, closest first.
///
/// Closeness is an edit distance (insertions, deletions, substitutions and
/// swaps of neighbours, where a change of letter case alone counts as one
/// edit) no larger than 40% of the input's length plus one; ties are ordered
/// naturally (`a2` before `a10`). This matches the suggestions graphql-js makes.
func suggestionList(_ input: String, options: [String]) -> [String] {
    let threshold = input.utf16.count * 4 / 10 + 1
    let inputLower = Array(input.lowercased().utf16)
    var scored: [(option: String, distance: Int)] = []
    var seen = Set<String>()
    for option in options where seen.insert(option).inserted {
        if let distance = editDistance(input, inputLower, option, threshold: threshold) {
            scored.append((option, distance))
        }
    }
    scored.sort { lhs, rhs in
        lhs.distance != rhs.distance ? lhs.distance < rhs.distance : naturalOrder(lhs.option, rhs.option)
    }
    return scored.map(\.option)
}

private func editDistance(_ input: String, _ inputLower: [UInt16], _ option: String, threshold: Int) -> Int? {
    if input == option { return 0 }
    let optionLower = Array(option.lowercased().utf16)
    if optionLower == inputLower { return 1 }
    var a = optionLower
    var b = inputLower
    if a.count < b.count { swap(&a, &b) }
    if a.count - b.count > threshold { return nil }
    var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: 3)
    for j in 0...b.count { rows[0][j] = j }
    if a.isEmpty { return b.count <= threshold ? b.count : nil }
    for i in 1...a.count {
        let up = (i - 1) % 3
        let current = i % 3
        rows[current][0] = i
        var smallest = i
        if !b.isEmpty {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var cell = min(rows[up][j] + 1, rows[current][j - 1] + 1, rows[up][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cell = min(cell, rows[(i - 2) % 3][j - 2] + 1)
                }
                smallest = min(smallest, cell)
                rows[current][j] = cell
            }
        }
        if smallest > threshold { return nil }
    }
    let distance = rows[a.count % 3][b.count]
    return distance <= threshold ? distance : nil
}

/// Natural sort order: runs of digits compare by their numeric value.
func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
    let a = Array(lhs.utf16)
    let b = Array(rhs.utf16)
    func isDigit(_ c: UInt16) -> Bool { c >= 48 && c <= 57 }
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
        if isDigit(a[i]) && isDigit(b[j]) {
            var aNumber = 0
            repeat {
                aNumber = aNumber &* 10 &+ Int(a[i] - 48)
                i += 1
            } while i < a.count && isDigit(a[i]) && aNumber > 0
            var bNumber = 0
            repeat {
                bNumber = bNumber &* 10 &+ Int(b[j] - 48)
                j += 1
            } while j < b.count && isDigit(b[j]) && bNumber > 0
            if aNumber != bNumber { return aNumber < bNumber }
        } else {
            if a[i] != b[j] { return a[i] < b[j] }
            i += 1
            j += 1
        }
    }
    return a.count < b.count
}
