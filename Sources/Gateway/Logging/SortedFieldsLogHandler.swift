public import Logging

/// A log handler that also takes a line whose fields are already text, sorted
/// by key: the request log's way around swift-log's metadata dictionary.
///
/// One `info` line per GraphQL request is the gateway's most frequent log
/// call; built as a `Logger.Metadata` dictionary, merged, sorted and printed
/// by the handler, it cost about a tenth of a cheap request's CPU (measured
/// with `{ __typename }` at 8 connections, see Benchmarks/README.md). The
/// request log knows its keys in advance and gives them in order instead.
/// A handler that does not adopt this gets the same fields as metadata.
public protocol SortedFieldsLogHandler: LogHandler {
    /// Logs `message` with `fields` (sorted by key, no key twice) as
    /// `log(event:)` would log the same fields given as string metadata.
    func log(level: Logger.Level, message: String, sortedFields fields: [(key: String, value: String)], source: String)
}
