internal import CMongoc
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A MongoDB ObjectId: 12 bytes (4 of seconds since the epoch, 5 random per
/// process, 3 of a counter), printed as 24 lowercase hexadecimal digits.
/// https://www.mongodb.com/docs/manual/reference/bson-types/#objectid
public struct ObjectID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 12 bytes, in wire order.
    public let bytes: [UInt8]

    /// A new, process-unique id: the current second, the process's five
    /// random bytes, the next value of the process's counter (big-endian,
    /// as the format above says).
    ///
    /// Not libbson's `bson_oid_init`: it asks the kernel for the process id on
    /// every call (to draw new random bytes in a forked child), one system
    /// call per id, and the gateway makes one id per request (its request id).
    /// This process never forks (child processes are spawned, not forked), so
    /// the random bytes are drawn once.
    public init() {
        let seconds = UInt32(truncatingIfNeeded: time(nil))
        let count = ObjectIDGenerator.counter.wrappingAdd(1, ordering: .relaxed).oldValue
        let random = ObjectIDGenerator.processRandom
        self.bytes = [
            UInt8(truncatingIfNeeded: seconds >> 24), UInt8(truncatingIfNeeded: seconds >> 16),
            UInt8(truncatingIfNeeded: seconds >> 8), UInt8(truncatingIfNeeded: seconds),
            random.0, random.1, random.2, random.3, random.4,
            UInt8(truncatingIfNeeded: count >> 16), UInt8(truncatingIfNeeded: count >> 8),
            UInt8(truncatingIfNeeded: count),
        ]
    }

    /// The id of exactly these 12 bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 12 else { return nil }
        self.bytes = bytes
    }

    /// Parses 24 hexadecimal digits (either case); nil otherwise.
    public init?(_ hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 24 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(12)
        var i = 0
        while i < 24 {
            guard let hi = Self.nibble(utf8[i]), let lo = Self.nibble(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        self.bytes = out
    }

    /// Parses 24 hexadecimal digits or throws ``BSONError/invalidObjectID(_:)``.
    public init(parsing hex: String) throws(BSONError) {
        guard let id = ObjectID(hex) else { throw .invalidObjectID(hex) }
        self = id
    }

    init(_ oid: bson_oid_t) {
        self.bytes = withUnsafeBytes(of: oid.bytes) { Array($0) }
    }

    var cValue: bson_oid_t {
        var oid = bson_oid_t()
        withUnsafeMutableBytes(of: &oid.bytes) { raw in
            for i in 0..<12 { raw[i] = bytes[i] }
        }
        return oid
    }

    /// The 24-digit lowercase hexadecimal form.
    public var hex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(24)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    /// The 12 bytes hashed as one block (the synthesized hash feeds them one
    /// by one; ids key the usage and audit buffers touched on every request).
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// The creation time the id carries (whole seconds).
    public var timestamp: BSONDate {
        let seconds = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return BSONDate(millisecondsSinceEpoch: Int64(seconds) * 1000)
    }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The process-wide parts of new ids (``ObjectID/init()``).
private enum ObjectIDGenerator {
    /// Drawn once per process.
    static let processRandom: (UInt8, UInt8, UInt8, UInt8, UInt8) = {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        return (
            UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24),
            UInt8(truncatingIfNeeded: value >> 32)
        )
    }()
    /// Its low 24 bits are an id's counter; it starts at a random value.
    static let counter = Atomic<UInt32>(UInt32.random(in: 0..<(1 << 24)))
}
