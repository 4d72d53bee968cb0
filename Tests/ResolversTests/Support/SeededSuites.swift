import Testing

/// The suites that each seed a database of their own and read it through the
/// whole schema, one test at a time: run side by side they load the embedded
/// server enough to time its connections out. Each suite is nested here
/// (`extension SeededSuites`), in the file of its concern.
@Suite(.serialized) enum SeededSuites {}

/// A second queue of such suites (the costliest security ones), beside the
/// first: one queue alone was the whole test run's critical path. Two
/// queues at a time are what the embedded server takes (`scripts/test` also
/// spreads the tests over two servers, see `LiveDatabase.uri()`).
@Suite(.serialized) enum SeededSecuritySuites {}
