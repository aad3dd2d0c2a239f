import CoreMetrics
import Prometheus

/// The daemon's metrics, in a Prometheus registry owned by this value.
///
/// The reconciler records into it and the HTTP server renders it at `/metrics`. Each instance
/// has its own registry and passes its factory explicitly instead of bootstrapping the global
/// `MetricsSystem`, so tests can run many daemons in one process without sharing counters.
/// Labels carry only ids and fixed words (kind, outcome, command), never secrets.
public final class EZBuiltMetrics: Sendable {
    /// The registry behind every metric here.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory writing into `registry`, for code that wants its own metrics.
    public let factory: PrometheusMetricsFactory

    /// Metric names, shared with the tests and the docs.
    public enum Name {
        public static let reconciles = "ezbuilt_reconciles_total"
        public static let reconcileDuration = "ezbuilt_reconcile_duration_seconds"
        public static let queueJobs = "ezbuilt_queue_jobs"
        public static let terraformRunDuration = "ezbuilt_terraform_run_duration_seconds"
        public static let gitFetches = "ezbuilt_git_fetches_total"
        public static let gitFetchDuration = "ezbuilt_git_fetch_duration_seconds"
        public static let driftedStacks = "ezbuilt_drifted_stacks"
        public static let httpRequests = "ezbuilt_http_requests_total"
        public static let httpRequestDuration = "ezbuilt_http_request_duration_seconds"
    }

    /// Creates the metrics with a fresh registry. The gauges start at zero so a scrape shows
    /// them before the reconciler first sets them.
    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Terraform runs and whole reconciles take seconds to an hour; git fetches and HTTP
        // requests milliseconds to a minute: one bucket set would blur one or the other.
        let long: [Duration] = [.seconds(1), .seconds(5), .seconds(15), .seconds(30), .seconds(60), .seconds(120),
                                .seconds(300), .seconds(600), .seconds(1800), .seconds(3600)]
        let short: [Duration] = [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250),
                                 .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
                                 .seconds(30), .seconds(60)]
        factory.durationHistogramBuckets = [
            Name.reconcileDuration: long,
            Name.terraformRunDuration: long,
            Name.gitFetchDuration: short,
            Name.httpRequestDuration: short,
        ]
        self.registry = registry
        self.factory = factory
        setQueueDepth(queued: 0, running: 0)
        setDriftedStacks(0)
    }

    /// Counts one reconcile of `kind` (proposal, deployment, driftCheck, poll, …) ending in
    /// `outcome` (succeeded, failed, refused, …) and records how long it took.
    public func recordReconcile(kind: String, outcome: String, duration: Duration) {
        Counter(label: Name.reconciles, dimensions: [("kind", kind), ("outcome", outcome)], factory: factory).increment()
        Timer(label: Name.reconcileDuration, dimensions: [("kind", kind)], factory: factory).recordNanoseconds(duration.nanoseconds)
    }

    /// Records one git fetch of `repository` (its id, never its URL: URLs may hold credentials).
    public func recordGitFetch(repository: String, duration: Duration, success: Bool) {
        let outcome = success ? "succeeded" : "failed"
        Counter(label: Name.gitFetches, dimensions: [("repository", repository), ("outcome", outcome)], factory: factory).increment()
        Timer(label: Name.gitFetchDuration, dimensions: [("repository", repository)], factory: factory).recordNanoseconds(duration.nanoseconds)
    }

    /// Records one terraform command (`init`, `plan`, `apply`, …) and how long it ran.
    public func recordTerraformRun(command: String, duration: Duration) {
        Timer(label: Name.terraformRunDuration, dimensions: [("command", command)], factory: factory).recordNanoseconds(duration.nanoseconds)
    }

    /// Sets the number of deployed stacks whose last drift check found drift.
    public func setDriftedStacks(_ count: Int) {
        Gauge(label: Name.driftedStacks, dimensions: [], factory: factory).record(count)
    }

    /// Sets the work queue's depth: jobs waiting and jobs running.
    public func setQueueDepth(queued: Int, running: Int) {
        Gauge(label: Name.queueJobs, dimensions: [("state", "queued")], factory: factory).record(queued)
        Gauge(label: Name.queueJobs, dimensions: [("state", "running")], factory: factory).record(running)
    }

    /// Counts one HTTP request by method, matched route (not the raw path, which would make
    /// one series per stack) and status code.
    public func recordHTTPRequest(method: String, route: String, status: Int, duration: Duration) {
        Counter(label: Name.httpRequests, dimensions: [("method", method), ("route", route), ("status", String(status))], factory: factory).increment()
        Timer(label: Name.httpRequestDuration, dimensions: [("method", method), ("route", route)], factory: factory).recordNanoseconds(duration.nanoseconds)
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> String {
        registry.emitToString()
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating instead of trapping on overflow.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflow2) = product.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflow2 ? (product < 0 ? .min : .max) : sum
    }
}
