import Prometheus

/// Our metrics by their full names (`jiujinban_…`, greppable as they appear in the scrape) with their help text,
/// through swift-prometheus' descriptor API.
extension PrometheusCollectorRegistry {
    func gauge(_ name: String, help: String, labels: [(String, String)] = []) -> Gauge {
        labels.isEmpty ? makeGauge(descriptor: descriptor(name, help)) : makeGauge(descriptor: descriptor(name, help), labels: labels)
    }

    func counter(_ name: String, help: String, labels: [(String, String)]) -> Counter {
        makeCounter(descriptor: descriptor(name, help), labels: labels)
    }

    func histogram(_ name: String, help: String, buckets: [Double]) -> ValueHistogram {
        makeValueHistogram(descriptor: descriptor(name, help), buckets: buckets)
    }

    private func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }
}
