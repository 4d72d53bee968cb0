import Foundation

/// A closed-loop load run: `concurrency` workers each issue one request after
/// another for `seconds` (as wrk's connections do), every latency recorded.
struct LoadRun: Sendable {
    let seconds: Double
    let latencies: [Double]
    let errors: Int

    static func measure(
        concurrency: Int, seconds: Double, executor: (any TaskExecutor)? = nil,
        _ request: @escaping @Sendable () async throws -> Int
    ) async -> LoadRun {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .milliseconds(Int64(seconds * 1000))
        let perWorker = await withTaskGroup(of: ([Double], Int).self) { group in
            for _ in 0..<concurrency {
                group.addTask(executorPreference: executor) {
                    var latencies: [Double] = []
                    var errors = 0
                    while clock.now < deadline {
                        let began = clock.now
                        do { _ = try await request() } catch { errors += 1 }
                        let elapsed = began.duration(to: clock.now)
                        latencies.append(
                            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                    }
                    return (latencies, errors)
                }
            }
            var all: [([Double], Int)] = []
            for await worker in group { all.append(worker) }
            return all
        }
        let elapsed = start.duration(to: clock.now)
        return LoadRun(
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            latencies: perWorker.flatMap(\.0).sorted(), errors: perWorker.map(\.1).reduce(0, +))
    }

    /// The latency at quantile `q` (nearest rank), in milliseconds.
    func percentile(_ q: Double) -> Double {
        guard !latencies.isEmpty else { return 0 }
        let rank = min(latencies.count - 1, max(0, Int((q * Double(latencies.count)).rounded(.up)) - 1))
        return latencies[rank] * 1000
    }

    func json(query: String, concurrency: Int) -> String {
        let rps = Double(latencies.count - errors) / seconds
        return #"{"query": "\#(query)", "concurrency": \#(concurrency), "#
            + String(
                format: #""seconds": %.2f, "requests": %d, "errors": %d, "rps": %.1f, "p50_ms": %.3f, "p99_ms": %.3f}"#,
                seconds, latencies.count, errors, rps, percentile(0.5), percentile(0.99))
    }
}
