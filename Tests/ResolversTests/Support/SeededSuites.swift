import Testing

/// The suites that each seed a database of their own and read it through the
/// whole schema, one test at a time: run side by side they load the embedded
/// server enough to time its connections out. Each suite is nested here
/// (`extension SeededSuites`), in the file of its concern.
@Suite(.serialized) enum SeededSuites {}
