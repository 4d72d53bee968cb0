internal import CMongoc

// Conversion between BSONDocument and libbson's bson_t. Writing uses the
// bson_append_* functions, reading walks a bson_iter_t; nested documents and
// arrays are appended in place (begin/end) rather than built and copied.
//
// Both bson_t and bson_iter_t are declared 128-byte aligned in C, so Swift sees
// pointers to them as OpaquePointer and cannot allocate them as values: we
// allocate raw, suitably aligned storage of the C size and point into it.

/// Raw storage for one bson_t or bson_iter_t (sizeof: 128 and 80, alignment 128).
func withAlignedScratch<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
    // On the stack (a heap block per nested document and array showed in
    // decoding profiles); zeroed like the heap block it replaced. The stack
    // is only used for an alignment up to a word's: asking for 128 made every
    // call a `posix_memalign` and a `free`, so the block is twice the size and
    // its 128-aligned half is used.
    try withUnsafeTemporaryAllocation(byteCount: 256, alignment: MemoryLayout<Int>.alignment) { buffer in
        let start = UInt(bitPattern: buffer.baseAddress!)
        let raw = UnsafeMutableRawPointer(bitPattern: (start + 127) & ~UInt(127))!
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
        return try body(OpaquePointer(raw))
    }
}

/// Decimal strings of array indexes, cached for the common small ones.
private let smallIndexKeys: [String] = (0..<1000).map { String($0) }

@inline(__always)
private func arrayKey(_ i: Int) -> String { i < smallIndexKeys.count ? smallIndexKeys[i] : String(i) }

extension BSONDocument {
    /// A new heap bson_t holding this document; the caller must `bson_destroy` it.
    func makeBSON() throws(BSONError) -> OpaquePointer {
        guard let bson = bson_new() else { throw .invalidDocument("out of memory") }
        do {
            try appendFields(to: bson)
        } catch {
            bson_destroy(bson)
            throw error
        }
        return bson
    }

    /// Calls `body` with a temporary bson_t of this document.
    func withBSON<R>(_ body: (OpaquePointer) throws -> R) throws -> R {
        let bson = try makeBSON()
        defer { bson_destroy(bson) }
        return try body(bson)
    }

    func appendFields(to bson: OpaquePointer) throws(BSONError) {
        for element in elements {
            try Self.append(element.value, key: element.key, to: bson)
        }
    }

    static func append(_ value: BSONValue, key: String, to bson: OpaquePointer) throws(BSONError) {
        var key = key
        let ok: Bool = key.withUTF8 { keyBytes in
            keyBytes.withMemoryRebound(to: CChar.self) { k in
                appendValue(value, key: k.baseAddress, keyLength: Int32(k.count), to: bson)
            }
        }
        guard ok else { throw .invalidDocument("cannot append field '\(key)' (invalid key or document too large)") }
    }

    private static func appendValue(
        _ value: BSONValue, key: UnsafePointer<CChar>?, keyLength: Int32, to bson: OpaquePointer
    ) -> Bool {
        // A key with an embedded NUL would be cut short by libbson: refuse it.
        if let key, UnsafeBufferPointer(start: key, count: Int(keyLength)).contains(0) { return false }
        switch value {
        case .double(let d):
            return bson_append_double(bson, key, keyLength, d)
        case .string(let s):
            // withCString keeps embedded NULs; the explicit length carries them.
            return s.withCString { bson_append_utf8(bson, key, keyLength, $0, Int32(s.utf8.count)) }
        case .document(let doc):
            return withAlignedScratch { child in
                guard bson_append_document_begin(bson, key, keyLength, child) else { return false }
                var ok = true
                do { try doc.appendFields(to: child) } catch { ok = false }
                return bson_append_document_end(bson, child) && ok
            }
        case .array(let items):
            return withAlignedScratch { child in
                guard bson_append_array_begin(bson, key, keyLength, child) else { return false }
                var ok = true
                for (i, item) in items.enumerated() {
                    do { try append(item, key: arrayKey(i), to: child) } catch {
                        ok = false
                        break
                    }
                }
                return bson_append_array_end(bson, child) && ok
            }
        case .binary(let bin):
            return bin.bytes.withUnsafeBufferPointer { b in
                bson_append_binary(
                    bson, key, keyLength, bson_subtype_t(UInt32(bin.subtype)), b.baseAddress, UInt32(b.count))
            }
        case .objectID(let id):
            var oid = id.cValue
            return bson_append_oid(bson, key, keyLength, &oid)
        case .bool(let b):
            return bson_append_bool(bson, key, keyLength, b)
        case .date(let d):
            return bson_append_date_time(bson, key, keyLength, d.millisecondsSinceEpoch)
        case .null:
            return bson_append_null(bson, key, keyLength)
        case .regex(let r):
            return bson_append_regex(bson, key, keyLength, r.pattern, r.options)
        case .int32(let i):
            return bson_append_int32(bson, key, keyLength, i)
        case .timestamp(let t):
            return bson_append_timestamp(bson, key, keyLength, t.seconds, t.increment)
        case .int64(let i):
            return bson_append_int64(bson, key, keyLength, i)
        case .decimal128(let d):
            var dec = bson_decimal128_t(low: d.low, high: d.high)
            return bson_append_decimal128(bson, key, keyLength, &dec)
        case .minKey:
            return bson_append_minkey(bson, key, keyLength)
        case .maxKey:
            return bson_append_maxkey(bson, key, keyLength)
        }
    }

    /// Reads a libbson document (not consumed or freed), without its
    /// top-level fields named in `skipped` (`FindOptions.skippedFields`).
    init(bson: OpaquePointer, skipping skipped: SkippedKeys = SkippedKeys()) throws(BSONError) {
        let result: Result<BSONDocument, BSONError> = withAlignedScratch { iter in
            guard bson_iter_init(iter, bson) else { return .failure(.invalidDocument("corrupt BSON")) }
            do throws(BSONError) {
                return .success(try Self.readDocument(iter, skipping: skipped))
            } catch { return .failure(error) }
        }
        self = try result.get()
    }

    /// Reads a document from raw BSON bytes (as stored or sent on the wire).
    public init(bsonBytes: [UInt8]) throws(BSONError) {
        var bson: OpaquePointer?
        bson = bsonBytes.withUnsafeBufferPointer { bson_new_from_data($0.baseAddress, $0.count) }
        guard let bson else { throw .invalidDocument("malformed BSON bytes") }
        defer { bson_destroy(bson) }
        try self.init(bson: bson)
    }

    /// The document encoded as BSON bytes.
    public func bsonBytes() throws(BSONError) -> [UInt8] {
        let bson = try makeBSON()
        var length: UInt32 = 0
        guard let data = bson_destroy_with_steal(bson, true, &length) else { return [] }
        defer { bson_free(data) }
        return Array(UnsafeBufferPointer(start: data, count: Int(length)))
    }

    private static func readDocument(_ iter: OpaquePointer, skipping skipped: SkippedKeys = SkippedKeys())
        throws(BSONError) -> BSONDocument
    {
        var elements: [Element] = []
        elements.reserveCapacity(16)
        while bson_iter_next(iter) {
            guard let keyPtr = bson_iter_key(iter) else {
                elements.append(Element(key: "", value: try readValue(iter, key: "")))
                continue
            }
            if !skipped.isEmpty && skipped.contains(keyPtr, length: Int(bson_iter_key_len(iter))) { continue }
            let key = String(cString: keyPtr)
            elements.append(Element(key: key, value: try readValue(iter, key: key)))
        }
        return BSONDocument(decoded: elements)
    }

    private static func readArray(_ iter: OpaquePointer) throws(BSONError) -> [BSONValue] {
        var items = [BSONValue]()
        while bson_iter_next(iter) {
            items.append(try readValue(iter, key: ""))
        }
        return items
    }

    private static func readValue(_ iter: OpaquePointer, key: String) throws(BSONError) -> BSONValue {
        let type = bson_iter_type(iter)
        switch type {
        case BSON_TYPE_DOUBLE:
            return .double(bson_iter_double(iter))
        case BSON_TYPE_UTF8:
            var length: UInt32 = 0
            guard let p = bson_iter_utf8(iter, &length) else { return .string("") }
            return .string(
                p.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: Int(length)), as: UTF8.self)
                })
        case BSON_TYPE_DOCUMENT, BSON_TYPE_ARRAY:
            let result: Result<BSONValue, BSONError> = withAlignedScratch { child in
                guard bson_iter_recurse(iter, child) else {
                    return .failure(.invalidDocument("corrupt sub-document '\(key)'"))
                }
                do throws(BSONError) {
                    if type == BSON_TYPE_ARRAY { return .success(.array(try readArray(child))) }
                    return .success(.document(try readDocument(child)))
                } catch { return .failure(error) }
            }
            return try result.get()
        case BSON_TYPE_BINARY:
            var subtype = bson_subtype_t(0)
            var length: UInt32 = 0
            var data: UnsafePointer<UInt8>?
            bson_iter_binary(iter, &subtype, &length, &data)
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: Int(length))) } ?? []
            return .binary(BSONBinary(subtype: UInt8(truncatingIfNeeded: subtype.rawValue), bytes: bytes))
        case BSON_TYPE_OID:
            guard let oid = bson_iter_oid(iter) else { throw .invalidDocument("corrupt ObjectId '\(key)'") }
            return .objectID(ObjectID(oid.pointee))
        case BSON_TYPE_BOOL:
            return .bool(bson_iter_bool(iter))
        case BSON_TYPE_DATE_TIME:
            return .date(BSONDate(millisecondsSinceEpoch: bson_iter_date_time(iter)))
        case BSON_TYPE_NULL:
            return .null
        case BSON_TYPE_REGEX:
            var options: UnsafePointer<CChar>?
            let pattern = bson_iter_regex(iter, &options)
            return .regex(
                BSONRegex(
                    pattern: pattern.map { String(cString: $0) } ?? "",
                    options: options.map { String(cString: $0) } ?? ""))
        case BSON_TYPE_INT32:
            return .int32(bson_iter_int32(iter))
        case BSON_TYPE_TIMESTAMP:
            var seconds: UInt32 = 0
            var increment: UInt32 = 0
            bson_iter_timestamp(iter, &seconds, &increment)
            return .timestamp(BSONTimestamp(seconds: seconds, increment: increment))
        case BSON_TYPE_INT64:
            return .int64(bson_iter_int64(iter))
        case BSON_TYPE_DECIMAL128:
            var dec = bson_decimal128_t()
            guard bson_iter_decimal128(iter, &dec) else { throw .invalidDocument("corrupt decimal '\(key)'") }
            return .decimal128(BSONDecimal128(high: dec.high, low: dec.low))
        case BSON_TYPE_MINKEY:
            return .minKey
        case BSON_TYPE_MAXKEY:
            return .maxKey
        default:
            throw .unsupportedType(key: key, typeCode: type.rawValue)
        }
    }
}

/// The top-level keys a read leaves out of its documents
/// (`FindOptions.skippedFields`), as UTF-8 bytes, made once per read: each
/// key of each document is compared by length and bytes before any `String`
/// is made of it, where a `Set<String>` would hash every key of every document.
struct SkippedKeys: Sendable {
    private let keys: [[UInt8]]

    init(_ names: Set<String> = []) {
        keys = names.map { Array($0.utf8) }
    }

    var isEmpty: Bool { keys.isEmpty }

    /// Whether the key at `key` (`length` bytes, libbson's) is one to leave out.
    func contains(_ key: UnsafePointer<CChar>, length: Int) -> Bool {
        for candidate in keys where candidate.count == length {
            // An empty name has no buffer to compare; it matches the empty key.
            guard length > 0 else { return true }
            let same = candidate.withUnsafeBufferPointer { memcmp($0.baseAddress!, key, length) == 0 }
            if same { return true }
        }
        return false
    }
}
