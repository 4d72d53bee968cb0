/// Where an AST node lies in its source: the UTF-8 byte offsets of its first
/// token's start and its last token's end (end exclusive), as graphql-js's
/// `loc.start`/`loc.end` but counted in UTF-8 bytes.
///
/// Every AST node carries one. Turn it into a line and column with
/// `Source.location(at: loc.start)`. Within one document, `start` together with
/// the node's kind identifies a node, which rules may use as a cheap key.
public struct Location: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}
