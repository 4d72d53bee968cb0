#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs an engine `warmup` times untimed, then `iterations` times on the
/// monotonic `ContinuousClock`, keeping the last response.
///
/// It also reads the process's CPU time around the timed loop: on a machine
/// shared with other work, operations per CPU-second stay steadier than per
/// wall-clock second (they count every thread of the process, so an engine that
/// spreads one request over several cores gains nothing there).
struct Measurement {
    var iterations: Int
    var elapsed: Duration
    var cpuTime: Duration
    var lastResponse: [UInt8]

    init(iterations: Int, elapsed: Duration, cpuTime: Duration = .zero, lastResponse: [UInt8]) {
        self.iterations = iterations
        self.elapsed = elapsed
        self.cpuTime = cpuTime
        self.lastResponse = lastResponse
    }

    var opsPerSecond: Double { Self.rate(iterations, per: elapsed) }
    var opsPerCPUSecond: Double { Self.rate(iterations, per: cpuTime) }

    private static func rate(_ count: Int, per duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        let total = Double(seconds) + Double(attoseconds) / 1e18
        return total > 0 ? Double(count) / total : 0
    }

    static func run(_ engine: inout some BenchEngine, iterations: Int, warmup: Int) async -> Measurement {
        var response: [UInt8] = []
        for _ in 0..<warmup {
            response = await engine.runOnce()
        }
        let clock = ContinuousClock()
        let cpuStart = processCPUTime()
        let start = clock.now
        for _ in 0..<iterations {
            response = await engine.runOnce()
        }
        let elapsed = clock.now - start
        let cpuTime = processCPUTime() - cpuStart
        return Measurement(iterations: iterations, elapsed: elapsed, cpuTime: cpuTime, lastResponse: response)
    }

    /// CPU time used so far by all threads of this process.
    private static func processCPUTime() -> Duration {
        var now = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now) == 0 else { return .zero }
        return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
    }
}
