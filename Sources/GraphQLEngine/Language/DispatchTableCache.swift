import Synchronization

/// `ASTWalker`'s dispatch tables by the visitors' kind masks: validation
/// builds a walker over the same rule types for every request, and looking
/// the table up costs less than building it. Bounded: past `capacity`
/// different visitor lists it starts over.
final class DispatchTableCache: Sendable {
    static let shared = DispatchTableCache()
    static let capacity = 32

    private let tables = Mutex<[[UInt64]: (handlers: [Int], starts: [Int])]>([:])

    func table(
        for masks: [UInt64], build: ([UInt64]) -> (handlers: [Int], starts: [Int])
    ) -> (handlers: [Int], starts: [Int]) {
        if let table = tables.withLock({ $0[masks] }) { return table }
        let table = build(masks)
        tables.withLock { tables in
            if tables.count >= Self.capacity { tables.removeAll() }
            tables[masks] = table
        }
        return table
    }
}
