#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Timing and memory figures, taken the same way for every workload in a run.
enum Measurement {
    /// Seconds `body` takes, best of `repeats` (the minimum is the least disturbed by a noisy machine).
    static func seconds(repeats: Int = 1, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<max(repeats, 1) {
            let start = ContinuousClock.now
            body()
            best = min(best, (ContinuousClock.now - start).seconds)
        }
        return best
    }

    /// Peak resident set size of this process so far, in bytes.
    static var peakRSSBytes: Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// A line on standard error, for notes that must not mix into a `--json` result on stdout.
    static func note(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress!, $0.count) }
    }

    /// The value at quantile `q` (0...1) of sorted `values`.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))]
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Per-query latencies over a question list, repeated, after one warm-up pass.
struct LatencyProfile {
    var p50Microseconds: Double
    var p99Microseconds: Double
    var queriesPerSecond: Double

    init(questions: [String], repeats: Int, _ run: (String) -> Void) {
        for question in questions { run(question) }
        var latencies: [Double] = []
        latencies.reserveCapacity(questions.count * repeats)
        let start = ContinuousClock.now
        for _ in 0..<repeats {
            for question in questions {
                let begin = ContinuousClock.now
                run(question)
                latencies.append((ContinuousClock.now - begin).seconds * 1e6)
            }
        }
        let total = (ContinuousClock.now - start).seconds
        latencies.sort()
        p50Microseconds = Measurement.quantile(latencies, 0.5)
        p99Microseconds = Measurement.quantile(latencies, 0.99)
        queriesPerSecond = Double(latencies.count) / max(total, 1e-9)
    }
}
