internal import CMongoc

/// An IEEE 754-2008 128-bit decimal (BSON type 0x13), kept as its two 64-bit
/// halves so it round-trips exactly; libbson does the string conversions.
public struct BSONDecimal128: Sendable, Hashable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses a decimal string ("12.50", "-1E+3", "NaN"); nil when it is not one.
    public init?(_ string: String) {
        var value = bson_decimal128_t()
        guard bson_decimal128_from_string(string, &value) else { return nil }
        self.init(high: value.high, low: value.low)
    }

    /// The canonical string form, e.g. "12.50".
    public var description: String {
        var value = bson_decimal128_t(low: low, high: high)
        // BSON_DECIMAL128_STRING is 43: the longest form libbson prints plus NUL.
        var buffer = [CChar](repeating: 0, count: 64)
        bson_decimal128_to_string(&value, &buffer)
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
