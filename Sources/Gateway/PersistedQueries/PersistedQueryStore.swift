internal import Crypto

/// The documents registered through automatic persisted queries, by hash.
///
/// Bounded by entry count and total text size: the oldest registration goes
/// first (a client whose hash was evicted gets `PersistedQueryNotFound` and
/// registers again, which is the protocol's normal path). Kept per process:
/// a miss after a load balancer moves a client costs one retry, so nothing
/// here needs sharing between gateways.
public actor PersistedQueryStore {
    public let maxEntries: Int
    public let maxBytes: Int
    private var texts: [String: String] = [:]
    private var order: [String] = []
    private var head = 0
    private var totalBytes = 0

    public init(maxEntries: Int = 1_000, maxBytes: Int = 8 << 20) {
        self.maxEntries = max(1, maxEntries)
        self.maxBytes = max(1, maxBytes)
    }

    public var count: Int { texts.count }

    public func text(forHash hash: String) -> String? { texts[hash] }

    /// Registers `text` under `hash` (already checked to be its SHA-256).
    public func register(_ text: String, hash: String) {
        guard texts[hash] == nil else { return }
        let size = text.utf8.count
        guard size <= maxBytes else { return }
        while texts.count >= maxEntries || totalBytes + size > maxBytes, head < order.count {
            let oldest = order[head]
            head += 1
            if let removed = texts.removeValue(forKey: oldest) { totalBytes -= removed.utf8.count }
        }
        if head > 1_024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        texts[hash] = text
        order.append(hash)
        totalBytes += size
    }

    /// Lower-case hex SHA-256 of a text's UTF-8 bytes: the APQ hash.
    public static func sha256Hex(of text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
