public import MongoStore

/// The driver locator's spatial index: driver ids and positions, searched by
/// great-circle distance. A pure value with no I/O; `DriverLocator` keeps it
/// current and answers `nearbyDrivers` from it.
///
/// **Layout: latitude bands, each sorted by longitude.** The sphere is cut into
/// bands of ``bandHeight`` degrees of latitude (0.05°, about 5.6 km); a band
/// keeps its drivers in one array sorted by longitude (then id). A search
/// takes the bounding box of the circle (`GreatCircle.boundingBox`), visits
/// the bands it crosses, finds each band's first driver inside the box's
/// longitudes by binary search and measures the drivers up to the box's end,
/// keeping those within the distance. So a search costs a binary search per
/// band (at most 19 bands for the 50 km cap) plus the drivers inside the box,
/// about 1.3 times those inside the circle away from the poles. Why this and
/// not a grid of cells: a fixed grid needs many cells per query at high
/// latitudes, where cells shrink in width, and all of a row's cells near a
/// pole; a band's longitude order needs neither, and a driver's move (every
/// 30 seconds while online) is one removal and one insertion in sorted arrays
/// (a `memmove` of at most the band's entries). A k-d tree would need
/// rebalancing under that churn.
///
/// **Exactly the database's answer.** Distance is `GreatCircle.meters` (the
/// haversine on MongoDB's sphere), within means `<=`, order is nearest first
/// with ties by `_id` (byte order, which is the order of the ids' hex
/// digits), as `NearbyDrivers.nearest` orders the database's candidates. The
/// box handles the antimeridian (two longitude ranges) and the poles (every
/// longitude) and is widened a little, so rounding never loses a driver.
///
/// **Memory**: a driver costs one 32-byte band entry (`Entry`) and one entry of
/// the id-to-position dictionary (a 16-byte key and a 16-byte position, at
/// most 75% full): about 75 bytes, more with the arrays' and the dictionary's
/// growth room; `locator-bench` measured 128 bytes per driver resident for
/// 100,000 drivers (12 MiB; see `Benchmarks/README.md`).
public struct DriverLocatorIndex: Sendable {
    /// A band's height in degrees of latitude: 0.05° is about 5.6 km, so a
    /// 5 km search (the default) crosses two or three bands and a 50 km one (the cap) 19.
    public static let bandHeight = 0.05
    static let bandCount = Int((180 / bandHeight).rounded()) + 1

    /// A driver's id in 12 bytes, without the heap array `ObjectID` keeps:
    /// the first 8 bytes big-endian, then the last 4, so comparing the pair
    /// compares the ids' bytes in order.
    public struct DriverID: Hashable, Comparable, Sendable {
        let high: UInt64
        let low: UInt32

        public init(_ id: ObjectID) {
            let bytes = id.bytes
            high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            low = bytes[8..<12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }

        public var objectID: ObjectID {
            var bytes = [UInt8]()
            bytes.reserveCapacity(12)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: high >> shift)) }
            for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: low >> shift)) }
            // Twelve bytes by construction.
            return ObjectID(bytes: bytes) ?? ObjectID()
        }

        public static func < (lhs: DriverID, rhs: DriverID) -> Bool {
            (lhs.high, lhs.low) < (rhs.high, rhs.low)
        }
    }

    /// A position in degrees.
    public struct Point: Hashable, Sendable {
        public var lng: Double
        public var lat: Double

        public init(lng: Double, lat: Double) {
            self.lng = lng
            self.lat = lat
        }
    }

    /// One driver in a band: 32 bytes.
    struct Entry: Sendable {
        var lng: Double
        var lat: Double
        var id: DriverID

        /// Band order: by longitude, then id.
        func precedes(lng: Double, id: DriverID) -> Bool {
            self.lng != lng ? self.lng < lng : self.id < id
        }
    }

    /// One search result.
    public struct Found: Hashable, Sendable {
        public let id: DriverID
        public let meters: Double
    }

    private var bands: [[Entry]]
    private var positions: [DriverID: Point]

    public init() {
        bands = Array(repeating: [], count: Self.bandCount)
        positions = [:]
    }

    /// How many drivers the index holds.
    public var count: Int { positions.count }

    /// The driver's indexed position, if it is indexed.
    public func position(of id: DriverID) -> Point? { positions[id] }

    /// Indexes the driver at `point`, moving it if it was already indexed.
    public mutating func place(_ id: DriverID, at point: Point) {
        if let old = positions[id] {
            if old == point { return }
            removeEntry(id, at: old)
        }
        positions[id] = point
        let band = Self.band(of: point.lat)
        let at = Self.firstIndex(in: bands[band]) { $0.precedes(lng: point.lng, id: id) }
        bands[band].insert(Entry(lng: point.lng, lat: point.lat, id: id), at: at)
    }

    /// Takes the driver out of the index (nothing if it was not in it).
    public mutating func remove(_ id: DriverID) {
        guard let old = positions.removeValue(forKey: id) else { return }
        removeEntry(id, at: old)
    }

    /// Empties the index, keeping nothing allocated.
    public mutating func removeAll() {
        self = DriverLocatorIndex()
    }

    /// The drivers within `maxDistance` meters of `(lng, lat)`, nearest first
    /// (ties by id), at most `limit` of them.
    public func nearest(lng: Double, lat: Double, maxDistance: Double, limit: Int) -> [Found] {
        guard limit > 0, maxDistance >= 0 else { return [] }
        let box = GreatCircle.boundingBox(lng: lng, lat: lat, meters: maxDistance)
        var ranges: [ClosedRange<Double>]
        if let half = box.longitudeHalfWidth {
            let (low, high) = (lng - half, lng + half)
            if low < -180 {
                ranges = [-180...high, (low + 360)...180]
            } else if high > 180 {
                ranges = [low...180, -180...(high - 360)]
            } else {
                ranges = [low...high]
            }
        } else {
            ranges = [-180...180]
        }
        var best = Best(limit: limit)
        for band in Self.band(of: box.latitudes.lowerBound)...Self.band(of: box.latitudes.upperBound) {
            let entries = bands[band]
            if entries.isEmpty { continue }
            for range in ranges {
                var i = Self.firstIndex(in: entries) { $0.lng < range.lowerBound }
                while i < entries.count, entries[i].lng <= range.upperBound {
                    let entry = entries[i]
                    let meters = GreatCircle.meters(lng, lat, entry.lng, entry.lat)
                    if meters <= maxDistance { best.offer(Found(id: entry.id, meters: meters)) }
                    i += 1
                }
            }
        }
        return best.found
    }

    /// Every driver within `maxDistance` meters, by brute force over all of
    /// them: what tests hold ``nearest(lng:lat:maxDistance:limit:)`` to.
    public func nearestByScanningAll(lng: Double, lat: Double, maxDistance: Double, limit: Int) -> [Found] {
        let within = positions.compactMap { id, point -> Found? in
            let meters = GreatCircle.meters(lng, lat, point.lng, point.lat)
            return meters <= maxDistance ? Found(id: id, meters: meters) : nil
        }
        return Array(within.sorted { ($0.meters, $0.id) < ($1.meters, $1.id) }.prefix(max(0, limit)))
    }

    // MARK: Bands

    static func band(of lat: Double) -> Int {
        min(bandCount - 1, max(0, Int(((lat + 90) / bandHeight).rounded(.down))))
    }

    private mutating func removeEntry(_ id: DriverID, at point: Point) {
        let band = Self.band(of: point.lat)
        let at = Self.firstIndex(in: bands[band]) { $0.precedes(lng: point.lng, id: id) }
        if at < bands[band].count, bands[band][at].id == id { bands[band].remove(at: at) }
    }

    /// The first index whose entry is not `before` (binary search over a band
    /// sorted so that `before` holds for a prefix).
    static func firstIndex(in entries: [Entry], where before: (Entry) -> Bool) -> Int {
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = (low + high) / 2
            if before(entries[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The `limit` nearest found so far, kept sorted (nearest first, ties by id):
/// a search over many drivers inside a large circle costs `O(n log limit)`
/// instead of sorting them all.
private struct Best {
    let limit: Int
    var found: [DriverLocatorIndex.Found] = []

    init(limit: Int) {
        self.limit = limit
        found.reserveCapacity(min(limit, 256))
    }

    mutating func offer(_ candidate: DriverLocatorIndex.Found) {
        func before(_ a: DriverLocatorIndex.Found, _ b: DriverLocatorIndex.Found) -> Bool {
            a.meters != b.meters ? a.meters < b.meters : a.id < b.id
        }
        if found.count == limit {
            guard let last = found.last, before(candidate, last) else { return }
            found.removeLast()
        }
        var (low, high) = (0, found.count)
        while low < high {
            let middle = (low + high) / 2
            if before(found[middle], candidate) { low = middle + 1 } else { high = middle }
        }
        found.insert(candidate, at: low)
    }
}
