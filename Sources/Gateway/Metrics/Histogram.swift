/// A Prometheus histogram's state: cumulative counts per upper bound, a sum
/// and a count (https://prometheus.io/docs/concepts/metric_types/#histogram).
struct Histogram: Sendable {
    let bounds: [Double]
    private(set) var bucketCounts: [Int]
    private(set) var sum = 0.0
    private(set) var count = 0

    init(bounds: [Double]) {
        self.bounds = bounds
        self.bucketCounts = Array(repeating: 0, count: bounds.count)
    }

    mutating func observe(_ value: Double) {
        sum += value
        count += 1
        // Non-cumulative here; made cumulative when written.
        if let index = bounds.firstIndex(where: { value <= $0 }) { bucketCounts[index] += 1 }
    }

    /// The exposition lines of this histogram, labelled with `labels` (already rendered, may be empty).
    func write(name: String, labels: String, into text: inout String) {
        var cumulative = 0
        let prefix = labels.isEmpty ? "" : labels + ","
        for (bound, bucket) in zip(bounds, bucketCounts) {
            cumulative += bucket
            text += "\(name)_bucket{\(prefix)le=\"\(PrometheusText.number(bound))\"} \(cumulative)\n"
        }
        text += "\(name)_bucket{\(prefix)le=\"+Inf\"} \(count)\n"
        let suffix = labels.isEmpty ? "" : "{\(labels)}"
        text += "\(name)_sum\(suffix) \(PrometheusText.number(sum))\n"
        text += "\(name)_count\(suffix) \(count)\n"
    }
}

/// Helpers for the Prometheus text format
/// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format).
enum PrometheusText {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// A label value with `\`, `"` and newlines escaped.
    static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
