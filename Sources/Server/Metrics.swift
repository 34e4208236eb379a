import Synchronization

/// Counters for `GET /metrics`, in the Prometheus text format.
public final class Metrics: Sendable {
    /// Upper bounds of the turn-latency histogram, in seconds.
    static let buckets: [Double] = [0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.005, 0.05]

    private struct Counts {
        var requests: [Int: Int] = [:]
        var turns = 0
        var latencyBuckets = [Int](repeating: 0, count: Metrics.buckets.count)
        var latencySum = 0.0
        var safety = 0
        var routes: [String: Int] = [:]
        var storeErrors = 0
    }

    private let counts = Mutex(Counts())

    public init() {}

    public func request(status: Int) {
        counts.withLock { $0.requests[status, default: 0] += 1 }
    }

    public func turn(seconds: Double, routes: [String], safety: Bool) {
        counts.withLock { counts in
            counts.turns += 1
            counts.latencySum += seconds
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { counts.latencyBuckets[index] += 1 }
            if safety { counts.safety += 1 }
            for route in routes { counts.routes[route, default: 0] += 1 }
        }
    }

    /// A session the store could not read, save or erase: its turn was answered 503.
    public func storeFailed() {
        counts.withLock { $0.storeErrors += 1 }
    }

    /// Every counter, then `storeLines`: what the session store reports of itself.
    public func render(storeLines: [String]) -> String {
        let counts = self.counts.withLock { $0 }
        var lines = ["# HELP routewijzer_http_requests_total HTTP requests by status.", "# TYPE routewijzer_http_requests_total counter"]
        lines += counts.requests.sorted { $0.key < $1.key }.map { "routewijzer_http_requests_total{status=\"\($0.key)\"} \($0.value)" }
        lines += ["# HELP routewijzer_turns_total Dialogue turns answered.", "# TYPE routewijzer_turns_total counter", "routewijzer_turns_total \(counts.turns)"]
        lines += ["# HELP routewijzer_turn_seconds Time to answer one turn.", "# TYPE routewijzer_turn_seconds histogram"]
        for (bound, count) in zip(Self.buckets, counts.latencyBuckets) { lines.append("routewijzer_turn_seconds_bucket{le=\"\(bound)\"} \(count)") }
        lines += ["routewijzer_turn_seconds_bucket{le=\"+Inf\"} \(counts.turns)", "routewijzer_turn_seconds_sum \(counts.latencySum)", "routewijzer_turn_seconds_count \(counts.turns)"]
        lines += ["# HELP routewijzer_safety_triggers_total Turns answered by the safety net.", "# TYPE routewijzer_safety_triggers_total counter", "routewijzer_safety_triggers_total \(counts.safety)"]
        lines += ["# HELP routewijzer_routes_recommended_total Routes recommended, by id.", "# TYPE routewijzer_routes_recommended_total counter"]
        lines += counts.routes.sorted { $0.key < $1.key }.map { "routewijzer_routes_recommended_total{route=\"\($0.key)\"} \($0.value)" }
        lines += ["# HELP routewijzer_session_store_errors_total Turns refused because the session store (journal or Redis) failed.",
                  "# TYPE routewijzer_session_store_errors_total counter", "routewijzer_session_store_errors_total \(counts.storeErrors)"]
        lines += storeLines
        return lines.joined(separator: "\n") + "\n"
    }
}
