import CMongoc
import MongoStore

/// The baseline's own bson_t builder: plain bson_append_* calls for the value
/// types the benchmark uses, as hand-written C would make them.
enum RawBSON {
    static func make(_ document: BSONDocument) throws -> OpaquePointer {
        let bson = bson_new()!
        for element in document { try append(element.value, element.key, bson) }
        return bson
    }

    private static func append(_ value: BSONValue, _ key: String, _ bson: OpaquePointer) throws {
        let ok: Bool
        switch value {
        case .objectID(let id):
            var oid = bson_oid_t()
            id.hex.withCString { bson_oid_init_from_string(&oid, $0) }
            ok = bson_append_oid(bson, key, -1, &oid)
        case .string(let s): ok = bson_append_utf8(bson, key, -1, s, -1)
        case .double(let d): ok = bson_append_double(bson, key, -1, d)
        case .int32(let i): ok = bson_append_int32(bson, key, -1, i)
        case .int64(let i): ok = bson_append_int64(bson, key, -1, i)
        case .bool(let b): ok = bson_append_bool(bson, key, -1, b)
        case .date(let d): ok = bson_append_date_time(bson, key, -1, d.millisecondsSinceEpoch)
        case .document(let doc):
            let child = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 128)
            defer { child.deallocate() }
            bson_append_document_begin(bson, key, -1, OpaquePointer(child))
            for element in doc { try append(element.value, element.key, OpaquePointer(child)) }
            ok = bson_append_document_end(bson, OpaquePointer(child))
        case .array(let items):
            let child = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 128)
            defer { child.deallocate() }
            bson_append_array_begin(bson, key, -1, OpaquePointer(child))
            for (i, item) in items.enumerated() { try append(item, String(i), OpaquePointer(child)) }
            ok = bson_append_array_end(bson, OpaquePointer(child))
        default:
            throw RawMongo.Failure(description: "type not used by the benchmark: \(value.typeName)")
        }
        guard ok else { throw RawMongo.Failure(description: "bson_append failed for \(key)") }
    }
}
