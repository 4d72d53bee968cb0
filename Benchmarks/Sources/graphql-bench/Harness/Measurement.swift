/// Runs an engine `warmup` times untimed, then `iterations` times on the
/// monotonic `ContinuousClock`, keeping the last response.
struct Measurement {
    var iterations: Int
    var elapsed: Duration
    var lastResponse: [UInt8]

    var opsPerSecond: Double {
        let (seconds, attoseconds) = elapsed.components
        let total = Double(seconds) + Double(attoseconds) / 1e18
        return total > 0 ? Double(iterations) / total : 0
    }

    static func run(_ engine: inout some BenchEngine, iterations: Int, warmup: Int) async -> Measurement {
        var response: [UInt8] = []
        for _ in 0..<warmup {
            response = await engine.runOnce()
        }
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<iterations {
            response = await engine.runOnce()
        }
        let elapsed = clock.now - start
        return Measurement(iterations: iterations, elapsed: elapsed, lastResponse: response)
    }
}
