public import CoreMetrics
public import Prometheus

/// swift-metrics' backend over one `PrometheusCollectorRegistry`: what the
/// lower layers emit through CoreMetrics (`Counter`, `Timer`, `Recorder`)
/// lands in the gateway's `/metrics`.
///
/// swift-prometheus ships `PrometheusMetricsFactory`; this one differs in
/// taking each family's help text and buckets from `MetricCatalogue`, so a
/// family made here and the same family made by `GatewayMetrics` agree (the
/// registry stops the process on a name registered with two help texts).
/// Names outside the catalogue get no help line and swift-prometheus'
/// default buckets.
///
/// One per gateway, over that gateway's registry: tests run many gateways in
/// one process, while `MetricsSystem.bootstrap` can happen only once, so
/// `serve` bootstraps the global system with its gateway's factory and
/// everything else is handed a factory explicitly.
public struct RegistryMetricsFactory: MetricsFactory {
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    private static let defaultDurationBuckets: [Duration] = MetricCatalogue.requestDurationBuckets
    private static let defaultValueBuckets: [Double] = [1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000]

    private func descriptor(_ label: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: label, unitName: "", helpText: MetricCatalogue.byName[label]?.help ?? "")
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)])
        -> any FloatingPointCounterHandler
    {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        guard aggregate else { return registry.makeGauge(descriptor: descriptor(label), labels: dimensions) }
        var buckets = Self.defaultValueBuckets
        if case .valueHistogram(let own)? = MetricCatalogue.byName[label]?.kind { buckets = own }
        return registry.makeValueHistogram(descriptor: descriptor(label), labels: dimensions, buckets: buckets)
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        var buckets = Self.defaultDurationBuckets
        if case .durationHistogram(let own)? = MetricCatalogue.byName[label]?.kind { buckets = own }
        return registry.makeDurationHistogram(descriptor: descriptor(label), labels: dimensions, buckets: buckets)
    }

    public func destroyCounter(_ handler: any CounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    public func destroyRecorder(_ handler: any RecorderHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
        if let histogram = handler as? ValueHistogram { registry.unregisterValueHistogram(histogram) }
    }

    public func destroyMeter(_ handler: any MeterHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    public func destroyTimer(_ handler: any TimerHandler) {
        if let histogram = handler as? DurationHistogram { registry.unregisterDurationHistogram(histogram) }
    }
}
