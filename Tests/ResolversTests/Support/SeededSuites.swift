import Testing

/// The suites that each seed a database of their own and read it through the
/// whole schema, one test at a time: run side by side they load the embedded
/// server enough to time its connections out. Each suite is nested here
/// (`extension SeededSuites`), in the file of its concern.
@Suite(.serialized) enum SeededSuites {}

/// A second queue of such suites, beside the first: one queue alone was the
/// whole test run's critical path (each queue now holds about half of its
/// time). Two queues at a time are what the embedded servers take
/// (`scripts/test` spreads the tests over two, see `LiveDatabase.uri()`).
@Suite(.serialized) enum SeededSuitesTwo {}
