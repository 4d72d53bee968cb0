/// A token bucket refilled continuously: it holds at most `capacity` units
/// (a minute's allowance, so a client may spend a whole minute's worth at
/// once) and gains `capacity / 60` units a second. A request for `amount`
/// units passes when the bucket holds them; an amount over the capacity asks
/// only for a full bucket (and empties it), so an operation larger than a
/// minute's allowance still runs, at most once a minute, instead of never.
struct TokenBucket: Sendable {
    private(set) var capacity: Double
    private(set) var tokens: Double
    private(set) var updated: ContinuousClock.Instant

    /// A full bucket of `perMinute` units.
    init(perMinute: Int, now: ContinuousClock.Instant) {
        self.capacity = Double(perMinute)
        self.tokens = Double(perMinute)
        self.updated = now
    }

    /// Units gained a second.
    var ratePerSecond: Double { capacity / 60 }

    /// Brings the bucket to `now`, under a capacity that may have changed
    /// since (a key's override edited): what it holds is kept, up to the new capacity.
    mutating func refill(now: ContinuousClock.Instant, perMinute: Int) {
        capacity = Double(perMinute)
        let elapsed = Self.seconds(now - updated)
        if elapsed > 0 {
            tokens = min(capacity, tokens + elapsed * ratePerSecond)
            updated = now
        }
        tokens = min(tokens, capacity)
    }

    /// Takes `amount` units (at most a full bucket's worth): nil when taken,
    /// else the whole seconds until the bucket holds them (at least 1).
    mutating func take(_ amount: Int) -> Int? {
        let needed = min(Double(max(0, amount)), capacity)
        if tokens >= needed {
            tokens -= needed
            return nil
        }
        return max(1, Int(((needed - tokens) / ratePerSecond).rounded(.up)))
    }

    /// Whole units left.
    var remaining: Int { Int(tokens.rounded(.down)) }

    /// Whole seconds until the bucket is full again.
    var secondsUntilFull: Int { Int(((capacity - tokens) / ratePerSecond).rounded(.up)) }

    /// Whether the bucket is full (a full bucket can be forgotten and made anew).
    func isFull(at now: ContinuousClock.Instant) -> Bool {
        tokens + Self.seconds(now - updated) * ratePerSecond >= capacity
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
