import BollardIngest
import BollardLedger
import BollardLog
import BollardStore
import Metrics
import Prometheus

/// The service's metrics under the names ops/monitoring relies on (SERVICE-CONTRACT.md
/// "Metrics"), recorded through swift-metrics into this server's own Prometheus registry (not
/// the process-global `MetricsSystem`, so several servers — and tests — never share counts).
///
/// Counters and histograms are updated as things happen; the gauges that describe the store
/// (queue depth, log size, anchor state) are read from it when /metrics is scraped.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    private let lag = AnchorLagClock()

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            "bollard_http_request_duration_seconds": [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
                                                      .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                                      .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)],
            "bollard_ingest_latency_seconds": [.milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                                               .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30),
                                               .seconds(60)],
        ]
        self.factory = factory
    }

    func request(route: String, status: Int, duration: Duration) {
        Counter(label: "bollard_http_requests_total", dimensions: [("route", route), ("status", String(status))], factory: factory).increment()
        Timer(label: "bollard_http_request_duration_seconds", factory: factory).recordNanoseconds(Self.nanoseconds(duration))
    }

    func rateLimited() {
        Counter(label: "bollard_rate_limited_total", factory: factory).increment()
    }

    /// A document an in-process worker finished: its outcome, and the time from intake to now.
    public func document(_ result: DocumentResult, receivedAt: Int64?) {
        Counter(label: "bollard_documents_total",
                dimensions: [("format", result.format?.rawValue ?? "unknown"), ("outcome", result.status.rawValue)], factory: factory)
            .increment()
        if let receivedAt {
            let ms = max(0, APIKeys.nowMilliseconds() - receivedAt)
            Timer(label: "bollard_ingest_latency_seconds", factory: factory).recordNanoseconds(ms * 1_000_000)
        }
    }

    /// Reads the store's gauges, then renders every metric in the Prometheus text format.
    func scrape<St: Store>(store: St, anchor: (any Anchor)?) async -> [UInt8] {
        if let counts = try? await store.jobCounts() {
            gauge("bollard_queue_depth", Double((counts[.queued] ?? 0) + (counts[.running] ?? 0)))
        }
        let note = try? await store.tiles.readCheckpoint()
        let published = note.flatMap { TransparencyLog<St.Tiles>.checkpointTreeSize($0) }
        if let size = try? await store.sequencedLogSize() { gauge("bollard_log_size", Double(size)) }
        if let anchor, let published {
            let confirmed = (try? await anchor.latestConfirmed(covering: 0))?.size ?? 0
            gauge("bollard_anchor_confirmed_size", Double(confirmed))
            gauge("bollard_anchor_lag_seconds", await lag.lag(published: published, confirmed: confirmed))
        }
        return registry.emitToBuffer()
    }

    private func gauge(_ label: String, _ value: Double) {
        Gauge(label: label, factory: factory).record(value)
    }

    static func nanoseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }
}

/// Anchor lag: how long the newest published checkpoint has been waiting for a confirmed
/// anchor, measured from when this server first saw it unanchored (a checkpoint note carries no
/// creation time); 0 when the ledger has confirmed it.
actor AnchorLagClock {
    private var waiting: (size: UInt64, since: ContinuousClock.Instant)?

    func lag(published: UInt64, confirmed: UInt64) -> Double {
        guard confirmed < published else {
            waiting = nil
            return 0
        }
        let now = ContinuousClock.now
        if waiting == nil { waiting = (published, now) }
        let elapsed = now - (waiting?.since ?? now)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
