public import MongoStore

/// What a `DriverLocator` is doing and has done: for tests, logs and metrics.
public struct DriverLocatorStatus: Sendable, Equatable {
    /// Where the locator is in its cycle.
    public enum Phase: Sendable, Equatable {
        /// `run()` has not started.
        case starting
        /// Reading the qualifying drivers (the stream already open).
        case loading
        /// Loaded or resumed, applying the events that were waiting; not answering yet.
        case catchingUp
        /// Current: answering, as long as the stream keeps being heard from.
        case live
        /// The stream broke; reopening it after a back-off.
        case interrupted
        /// More drivers qualify than the capacity: nothing indexed, answers from the database.
        case overCapacity
        /// `run()` has returned.
        case stopped
    }

    public let phase: Phase
    /// Drivers indexed.
    public let drivers: Int
    public let hasLoaded: Bool
    /// Whether `nearest` answers now (live and heard from within the freshness limit).
    public let isServing: Bool
    /// Full loads done, streams resumed with a token, change events applied.
    public let loads: Int
    public let resumes: Int
    public let eventsApplied: Int
    /// How long after its write the latest event was read (by the server's `wallTime`).
    public let lastEventLag: Duration?
}

/// What a `DriverLocator` reports as it runs (the server logs each).
public enum DriverLocatorEvent: Sendable {
    /// The qualifying drivers were read into a new index.
    case loaded(drivers: Int, duration: Duration)
    /// The stream reopened after a break with its resume token.
    case resumed
    /// The stream broke; it will be resumed with its token, or (`willResume`
    /// false) the index loaded afresh.
    case interrupted(error: MongoError, willResume: Bool)
    /// `driverprofiles` was dropped or renamed: the index is loaded afresh.
    case collectionReplaced
    /// More drivers qualify than the capacity: the locator stands down and
    /// answers come from the database until a later load fits.
    case overCapacity(drivers: Int, capacity: Int)
    /// `run()` returned (the task was cancelled).
    case stopped
}
