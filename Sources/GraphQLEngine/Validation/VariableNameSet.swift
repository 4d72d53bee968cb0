/// The variable names of an operation, for the rules that ask whether a name
/// is among them. Operations have a few variables, so up to `smallLimit`
/// names are kept in an array and scanned (no hashing, one allocation);
/// past that, a `Set`.
struct VariableNameSet {
    static let smallLimit = 8
    private var few: [String] = []
    private var many: Set<String>?

    init(_ names: some Sequence<String>) {
        for name in names {
            if many != nil {
                many?.insert(name)
            } else if few.count < Self.smallLimit {
                few.append(name)
            } else {
                var set = Set(few)
                set.insert(name)
                many = set
                few = []
            }
        }
    }

    func contains(_ name: String) -> Bool {
        if let many { return many.contains(name) }
        return few.contains(name)
    }
}
