/// A BSON document: fields in insertion order (MongoDB cares about order in sort
/// specifications, index keys and commands), with a key index for fast lookup
/// once a document grows past a handful of fields.
///
/// Duplicate keys can arrive from the wire; lookups return the first one and
/// assignment replaces it, which is how the server treats them too.
public struct BSONDocument: Sendable, Hashable {
    /// One field.
    public struct Element: Sendable, Hashable {
        public var key: String
        public var value: BSONValue

        public init(key: String, value: BSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Below this many fields a linear scan beats hashing; above it we keep
    /// `index`. Most stored documents (a rescue, a driver's profile: 20 to 25
    /// fields) stay under it: building the index cost more, when decoding a
    /// page of them, than the handful of lookups a request makes on each.
    private static let indexThreshold = 32

    public private(set) var elements: [Element]
    /// Key to position of its first occurrence; nil while the document is small.
    private var index: [String: Int]?

    public init() {
        elements = []
    }

    /// A document of fields read from BSON, in their order: the lookup index,
    /// when the document needs one, is built once at the end.
    init(decoded elements: [Element]) {
        self.elements = elements
        if elements.count > Self.indexThreshold { rebuildIndex() }
    }

    /// A document of these fields, in this order.
    public init(_ elements: [Element]) {
        self.elements = []
        self.elements.reserveCapacity(elements.count)
        for element in elements { append(element.key, element.value) }
    }

    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }
    public var keys: [String] { elements.map(\.key) }
    public var values: [BSONValue] { elements.map(\.value) }

    /// The position of the first field named `key`.
    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        return elements.firstIndex { $0.key == key }
    }

    /// Appends a field at the end, even if the key already exists.
    public mutating func append(_ key: String, _ value: BSONValue) {
        elements.append(Element(key: key, value: value))
        if index != nil {
            if index?[key] == nil { index?[key] = elements.count - 1 }
        } else if elements.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    /// The value of the first field named `key`; setting replaces it in place
    /// (keeping its position), appends a new field, or with nil removes it.
    public subscript(key: String) -> BSONValue? {
        get {
            guard let i = position(of: key) else { return nil }
            return elements[i].value
        }
        set {
            if let i = position(of: key) {
                if let newValue {
                    elements[i].value = newValue
                } else {
                    elements.remove(at: i)
                    if index != nil { rebuildIndex() }
                }
            } else if let newValue {
                append(key, newValue)
            }
        }
    }

    /// Removes the first field named `key` and returns its value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> BSONValue? {
        let old = self[key]
        self[key] = nil
        return old
    }

    /// The value at a dotted path ("location.coordinates"), descending through
    /// sub-documents and, for numeric parts, arrays.
    public subscript(path path: String) -> BSONValue? {
        var current: BSONValue = .document(self)
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .document(let doc):
                guard let next = doc[String(part)] else { return nil }
                current = next
            case .array(let items):
                guard let i = Int(part), items.indices.contains(i) else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }

    private mutating func rebuildIndex() {
        var map = [String: Int](minimumCapacity: elements.count)
        for (i, element) in elements.enumerated() where map[element.key] == nil {
            map[element.key] = i
        }
        index = map
    }

    // Equality and hashing look at the fields only, not at the lookup index.
    public static func == (lhs: BSONDocument, rhs: BSONDocument) -> Bool {
        lhs.elements == rhs.elements
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(elements)
    }
}

extension BSONDocument: Sequence {
    public func makeIterator() -> IndexingIterator<[Element]> {
        elements.makeIterator()
    }
}

extension BSONDocument: ExpressibleByDictionaryLiteral {
    /// `["name": "Ada", "age": 36]`: fields in the order written.
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self.init(elements.map { Element(key: $0.0, value: $0.1) })
    }
}
