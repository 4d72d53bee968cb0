/// A set of `ASTNodeKind`s, one bit per kind: what a visitor declares it
/// handles (`ASTVisitor.visitedKinds`), so `ASTWalker` calls it only for
/// those nodes.
public struct ASTNodeKinds: Sendable, Hashable, ExpressibleByArrayLiteral {
    public var rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public init(_ kinds: some Sequence<ASTNodeKind>) {
        rawValue = 0
        for kind in kinds { insert(kind) }
    }

    public init(arrayLiteral kinds: ASTNodeKind...) {
        self.init(kinds)
    }

    /// Every kind there is.
    public static var all: ASTNodeKinds { ASTNodeKinds(ASTNodeKind.allCases) }

    public func contains(_ kind: ASTNodeKind) -> Bool {
        rawValue & Self.bit(kind) != 0
    }

    public mutating func insert(_ kind: ASTNodeKind) {
        rawValue |= Self.bit(kind)
    }

    /// The kinds in the set, in declaration order.
    public var kinds: [ASTNodeKind] { ASTNodeKind.allCases.filter { contains($0) } }

    private static func bit(_ kind: ASTNodeKind) -> UInt64 {
        // 42 kinds today; the assertion guards a 65th being added unnoticed.
        assert(kind.rawValue < 64, "ASTNodeKinds holds at most 64 kinds")
        return 1 << UInt64(kind.rawValue)
    }
}

/// The number of `ASTNodeKind`s, computed once (`allCases` builds an array).
enum ASTNodeKindCount {
    static let value = ASTNodeKind.allCases.count
}
