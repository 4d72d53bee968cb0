import MongoStore
import Synchronization

/// The newest rows of a list whose filter matches much of its collection
/// (an administrator's `rescueRequests(first: 50)`, a status filter), read in
/// time slices walking back from the newest rows instead of one find.
///
/// Why: one find of such a page asks the database for the `first + 1` newest
/// of, say, 100,000 matching rows. MongoDB walks the sort index and stops at
/// the limit; the embedded database fetches and sorts every matching row
/// first (10 s at 100,000 rescues, `docs/DATA-MODEL.md`, "Embedded
/// database"), and does the same for a count. A range on the sort field costs
/// it only the rows inside the range, and every server walks such a range on
/// the sort field's index. So the page is read as finds over consecutive
/// slices `[lower, upper)` of the sort field, newest first, each with the
/// same filter, sort and the limit still missing, until the page is full or
/// the slices reach back past every row:
///
/// - the first slice is open above (`sortField >= lower`), so rows newer than
///   anything seen are never missed; its lower end starts a page's width
///   before the newest row this process has seen in the list's collection
///   (``SortKeyHints``), or one minute before now;
/// - an empty slice doubles the next one's width; a slice with rows sizes the
///   next from their density (what remains to find, at the rate just seen),
///   never more than double, so a dense stretch is entered in small steps;
/// - after ``maxSlices`` slices, at the filter's own lower bound, or below
///   1970, one last find takes everything older.
///
/// The rows are exactly those of the one-find page: every row outside the
/// slices read is older than every row inside them, and the sort breaks
/// ties by `_id` as the one find does. A cursor's ties (rows with the cursor's
/// own sort key and a smaller `_id`) come first from an equality find on the
/// sort key. Rows with no value in the sort field are not in such a list
/// (every writer sets `createdAt`, `requestedAt` and the other sort fields).
struct TimeSlicedPage: Sendable {
    let collection: MongoCollection
    /// The caller's visible filter, without the cursor's condition.
    let filter: BSONDocument
    let sortField: String
    /// The rows wanted (`first + 1`, to know `hasNextPage`).
    let limit: Int
    let after: Cursor?
    /// Large fields left out of the documents (`AccessContext.unshownLargeFields(of:)`).
    let skippedFields: Set<String>

    init(
        collection: MongoCollection, filter: BSONDocument, sortField: String, limit: Int, after: Cursor?,
        skippedFields: Set<String> = []
    ) {
        self.collection = collection
        self.filter = filter
        self.sortField = sortField
        self.limit = limit
        self.after = after
        self.skippedFields = skippedFields
    }

    /// The list's key among the ``SortKeyHints``.
    var hintKey: String { "\(collection.name).\(sortField).\(filter.hashValue)" }

    /// The first slice's width, and the bound on slices before the last find.
    static let initialWidth: Int64 = 60_000
    static let maxSlices = 40

    /// The filter a sliced read can be applied to, or nil: when the filter
    /// already holds an owner's or a row's id (few rows, which the id's index
    /// finds fast), or conditions the sort field other than with `$gte`/`$lt`
    /// on dates.
    static func applies(to filter: BSONDocument, sortField: String) -> Bool {
        if selectsByID(filter) { return false }
        guard let condition = filter[sortField] else { return true }
        guard case .document(let operators) = condition else { return false }
        return operators.elements.allSatisfy { element in
            guard element.key == "$gte" || element.key == "$lt" else { return false }
            if case .date = element.value { return true }
            return false
        }
    }

    /// Whether a condition names a row or an owner by id (`_id`, `riderId`,
    /// `driverId`, …): an equality or `$in` on such a field selects few rows.
    static func selectsByID(_ filter: BSONDocument) -> Bool {
        filter.elements.contains { element in
            if element.key == "$and", case .array(let parts) = element.value {
                return parts.contains { part in
                    if case .document(let document) = part { return selectsByID(document) }
                    return false
                }
            }
            guard element.key == "_id" || element.key.hasSuffix("Id") else { return false }
            switch element.value {
            case .document(let operators): return operators.count == 1 && operators["$in"] != nil
            case .array, .regex, .null: return false
            default: return true
            }
        }
    }

    func read() async throws -> [BSONDocument] {
        let skippedFields = self.skippedFields
        let options = { (limit: Int) in
            FindOptions(
                sort: [sortField: -1, "_id": -1], limit: limit, batchSize: limit, skippedFields: skippedFields)
        }
        let range = Self.range(in: filter[sortField])
        var rows: [BSONDocument] = []
        var upper: Int64? = range.upper
        if let after, range.lower.map({ $0 <= after.sortKey.millisecondsSinceEpoch }) ?? true,
            range.upper.map({ after.sortKey.millisecondsSinceEpoch < $0 }) ?? true
        {
            // Rows tied with the cursor's key come before any older one.
            var ties = filter
            ties[sortField] = .date(after.sortKey)
            ties["_id"] = ["$lt": .objectID(after.id)]
            rows = try await collection.find(ties, options: options(limit))
            if rows.count >= limit { return rows }
        }
        if let after { upper = min(upper ?? .max, after.sortKey.millisecondsSinceEpoch) }
        let hint = SortKeyHints.shared.hint(for: hintKey)
        let newest = upper ?? hint?.newest ?? BSONDate.now().millisecondsSinceEpoch
        // A width the last page of this collection suggests for `limit` rows.
        var width = max(Self.initialWidth, (hint?.millisecondsPerRow ?? 0) &* Int64(limit) &* 5 / 4)
        var lower = newest &- width
        for slice in 0... {
            // The last slice takes everything older: after `maxSlices`, at
            // the filter's own lower bound, or before 1970 (which the
            // embedded database's dates cannot go far below).
            let last =
                slice == Self.maxSlices || lower <= 0 || (range.lower.map { lower <= $0 } ?? false)
            let floor = last ? range.lower : lower
            var sliced = filter
            sliced[sortField] = Self.condition(lower: floor, upper: upper)
            // The range first: the planner plans on the first field's index.
            sliced = sliced.movingToFront(sortField)
            let found = try await collection.find(sliced, options: options(limit - rows.count))
            rows += found
            if rows.count >= limit || last { break }
            let missing = Int64(limit - rows.count)
            let next =
                found.isEmpty
                ? width &* 2 : min(width &* 2, max(1, width &* missing / Int64(found.count) + width / 4))
            upper = lower
            width = next
            lower = lower &- width
        }
        if after == nil, rows.count >= limit, case .date(let newestRow)? = rows.first?[sortField],
            case .date(let oldestRow)? = rows.last?[sortField]
        {
            let span = newestRow.millisecondsSinceEpoch &- oldestRow.millisecondsSinceEpoch
            SortKeyHints.shared.record(
                newest: newestRow.millisecondsSinceEpoch, millisecondsPerRow: span / Int64(rows.count), for: hintKey)
        }
        return rows
    }

    /// The `$gte`/`$lt` bounds a filter already puts on the sort field.
    static func range(in condition: BSONValue?) -> (lower: Int64?, upper: Int64?) {
        guard case .document(let operators)? = condition else { return (nil, nil) }
        var bounds: (lower: Int64?, upper: Int64?) = (nil, nil)
        if case .date(let date)? = operators["$gte"] { bounds.lower = date.millisecondsSinceEpoch }
        if case .date(let date)? = operators["$lt"] { bounds.upper = date.millisecondsSinceEpoch }
        return bounds
    }

    static func condition(lower: Int64?, upper: Int64?) -> BSONValue {
        var condition = BSONDocument()
        if let lower { condition["$gte"] = .date(BSONDate(millisecondsSinceEpoch: lower)) }
        if let upper { condition["$lt"] = .date(BSONDate(millisecondsSinceEpoch: upper)) }
        // Neither bound: any date (the sort field is a date in every list).
        if condition.isEmpty { condition["$type"] = "date" }
        return .document(condition)
    }
}

/// What the last full page of each list showed this process:
/// its newest sort key and how far apart its rows were. A sliced read starts
/// one page's width (at that spacing) before that newest key instead of one
/// minute before now, so a collection whose newest rows are hours old (a
/// quiet night, demo data seeded yesterday) or whose rows are sparse costs
/// empty slices once, not on every request. Only a starting point: the first
/// slice is open above, so rows newer than the hint are read all the same,
/// and a wrong width costs slices, never rows.
///
/// Kept per list: the collection, the sort field and the filter (a status
/// filter's newest row can be much older than the collection's).
final class SortKeyHints: Sendable {
    struct Hint: Sendable {
        var newest: Int64
        var millisecondsPerRow: Int64
    }

    static let shared = SortKeyHints()
    private let hints = Mutex<[String: Hint]>([:])

    func hint(for key: String) -> Hint? {
        hints.withLock { $0[key] }
    }

    /// At most this many lists are remembered (their filters come from
    /// clients); past it the memory starts over.
    static let capacity = 1024

    func record(newest: Int64, millisecondsPerRow: Int64, for key: String) {
        hints.withLock { hints in
            if hints.count >= Self.capacity, hints[key] == nil { hints.removeAll(keepingCapacity: true) }
            let newest = max(hints[key]?.newest ?? .min, newest)
            hints[key] = Hint(newest: newest, millisecondsPerRow: max(0, millisecondsPerRow))
        }
    }
}

extension BSONDocument {
    /// The same conditions with `key`'s first.
    func movingToFront(_ key: String) -> BSONDocument {
        guard let position = position(of: key), position > 0 else { return self }
        var elements = self.elements
        let element = elements.remove(at: position)
        elements.insert(element, at: 0)
        return BSONDocument(elements)
    }
}

extension BSONDocument {
    /// The same conditions with those naming an owner or a row by id first.
    func idConditionsFirst() -> BSONDocument {
        let byID = elements.filter { TimeSlicedPage.selectsByID(BSONDocument([$0])) }
        guard !byID.isEmpty, elements.first.map({ !TimeSlicedPage.selectsByID(BSONDocument([$0])) }) ?? false
        else { return self }
        return BSONDocument(byID + elements.filter { !TimeSlicedPage.selectsByID(BSONDocument([$0])) })
    }
}
