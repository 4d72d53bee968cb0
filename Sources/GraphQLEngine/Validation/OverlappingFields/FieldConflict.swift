/// Why two fields with one response name cannot be merged, as a tree: either a
/// direct reason, or the sub-fields of the two fields that conflict in turn.
/// https://spec.graphql.org/October2021/#sec-Field-Selection-Merging
indirect enum FieldConflictReason: Sendable, Hashable {
    /// A direct reason, such as `"a" and "b" are different fields`.
    case message(String)
    /// The sub-selections conflict: one entry per conflicting response name.
    case subfields([(responseName: String, reason: FieldConflictReason)])

    /// The reason in words, as graphql-js words it: nested reasons read
    /// `subfields "x" conflict because ...`, joined by ` and `.
    var text: String {
        switch self {
        case .message(let message):
            return message
        case .subfields(let entries):
            return entries.map { "subfields \"\($0.responseName)\" conflict because " + $0.reason.text }
                .joined(separator: " and ")
        }
    }

    static func == (lhs: FieldConflictReason, rhs: FieldConflictReason) -> Bool {
        switch (lhs, rhs) {
        case (.message(let a), .message(let b)): return a == b
        case (.subfields(let a), .subfields(let b)):
            return a.count == b.count
                && zip(a, b).allSatisfy { $0.responseName == $1.responseName && $0.reason == $1.reason }
        default: return false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .message(let message): hasher.combine(message)
        case .subfields(let entries):
            for entry in entries {
                hasher.combine(entry.responseName)
                hasher.combine(entry.reason)
            }
        }
    }
}

/// Two fields (with the sub-fields that make them conflict) that share a
/// response name but cannot be merged.
struct FieldConflict: Sendable, Hashable {
    var responseName: String
    var reason: FieldConflictReason
    /// The first field, then the sub-fields on its side that conflict.
    var fields1: [Location]
    /// The second field, then the sub-fields on its side that conflict.
    var fields2: [Location]

    /// The error message graphql-js 16 reports for this conflict.
    var message: String {
        "Fields \"\(responseName)\" conflict because \(reason.text). "
            + "Use different aliases on the fields to fetch both if this was intentional."
    }
}
