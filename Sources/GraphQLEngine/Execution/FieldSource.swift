/// A parent value whose fields the default resolver can read: what the
/// executor passes down from one level to the next.
///
/// The gateway backs it with a BSON document, the benchmark with a JSON
/// object (`JSONValue` conforms below). A field without a resolver of its own
/// resolves to `fieldValue(named:)` of its parent, so plain data needs no
/// resolver code at all.
public protocol FieldSource: Sendable {
    /// The value of the same-named property, `.null` when there is none.
    func fieldValue(named name: String) -> ResolvedValue

    /// The name of this value's concrete object type, used to resolve an
    /// interface or union when no type resolver is registered for it. Nil
    /// when the value does not know.
    var runtimeTypeName: String? { get }
}

extension FieldSource {
    public var runtimeTypeName: String? { nil }
}

/// A JSON object is a parent whose keys are its fields; abstract types resolve
/// through its `__typename` key. Any other JSON value has no fields.
extension JSONValue: FieldSource {
    public func fieldValue(named name: String) -> ResolvedValue {
        rawFieldValue(named: name).map { .json($0) } ?? .null
    }

    /// The value of the object's first entry with that key, nil when there is none.
    @inline(__always)
    func rawFieldValue(named name: String) -> JSONValue? {
        guard case .object(let entries) = self else { return nil }
        // Compares keys in place, so scanning copies (and retains) no values.
        return entries.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index].key == name {
                return buffer[index].value
            }
            return nil
        }
    }

    public var runtimeTypeName: String? {
        guard case .object(let entries) = self else { return nil }
        for entry in entries where entry.key == "__typename" {
            if case .string(let name) = entry.value { return name }
        }
        return nil
    }
}

/// A root value with no fields, for schemas whose root fields all have resolvers.
public struct EmptyFieldSource: FieldSource {
    public init() {}
    public func fieldValue(named name: String) -> ResolvedValue { .null }
}
