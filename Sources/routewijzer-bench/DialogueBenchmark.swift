#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dialogue
import Retrieval
import Wire

/// Dialogue turns in-process, replaying the conversation transcripts: turns/s, p50/p99 per turn
/// (including safety checks, trigger matching and retrieval fallbacks), and the serialized size of
/// the session state. Baseline: one bare BM25 search of the same input, in the same run.
struct DialogueBenchmark {
    static let p99TargetMicroseconds = 200.0
    static let stateTargetBytes = 4096

    var turns: Int
    var turnsPerSecond: Double
    var p50Microseconds: Double
    var p99Microseconds: Double
    var searchP99Microseconds: Double
    var largestStateBytes: Int
    var meanStateBytes: Double
    /// The inputs whose turns took longest (median over the repeats), to show where the p99 comes from.
    var slowest: [(input: String, microseconds: Double)] = []

    static func run(engine: Engine, transcripts: [Transcript], repeats: Int) throws -> DialogueBenchmark {
        let conversations = transcripts.map { $0.exchanges.compactMap(\.input) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var sizes: [Int] = []
        for inputs in conversations {
            var state = engine.start(seed: TranscriptRunner.seed, now: TranscriptRunner.clock).state
            for input in inputs {
                state = engine.reply(to: input, in: state, now: TranscriptRunner.clock).state
                sizes.append(try encoder.encode(state).count)
            }
        }
        var latencies: [Double] = []
        let start = ContinuousClock.now
        for _ in 0..<repeats {
            for inputs in conversations {
                var state = engine.start(seed: TranscriptRunner.seed, now: TranscriptRunner.clock).state
                for input in inputs {
                    let begin = ContinuousClock.now
                    state = engine.reply(to: input, in: state, now: TranscriptRunner.clock).state
                    latencies.append((ContinuousClock.now - begin).seconds * 1e6)
                }
            }
        }
        let total = (ContinuousClock.now - start).seconds
        let inputs = conversations.flatMap { $0 }
        let slowest = inputs.indices.map { turn in
            (inputs[turn], Measurement.quantile(stride(from: turn, to: latencies.count, by: inputs.count).map { latencies[$0] }.sorted(), 0.5))
        }.sorted { $0.1 > $1.1 }.prefix(5)
        latencies.sort()
        var searcher = Searcher(index: engine.content.index)
        let search = LatencyProfile(questions: conversations.flatMap { $0 }, repeats: repeats) { _ = searcher.search($0) }
        return DialogueBenchmark(
            turns: latencies.count, turnsPerSecond: Double(latencies.count) / max(total, 1e-9),
            p50Microseconds: Measurement.quantile(latencies, 0.5), p99Microseconds: Measurement.quantile(latencies, 0.99),
            searchP99Microseconds: search.p99Microseconds, largestStateBytes: sizes.max() ?? 0,
            meanStateBytes: Double(sizes.reduce(0, +)) / Double(max(sizes.count, 1)), slowest: Array(slowest))
    }

    var text: String {
        func fixed(_ value: Double) -> String { String(Int(value.rounded())) }
        let ratio = (p99Microseconds / max(searchP99Microseconds, 1e-9) * 10).rounded() / 10
        return """
            dialogue: \(turns) turns over the transcripts
              turns/s            \(fixed(turnsPerSecond))
              turn p50           \(fixed(p50Microseconds)) µs
              turn p99           \(fixed(p99Microseconds)) µs (target < \(fixed(Self.p99TargetMicroseconds)) µs: \(p99Microseconds < Self.p99TargetMicroseconds ? "met" : "MISSED"))
              baseline           bare search p99 \(fixed(searchP99Microseconds)) µs; a turn's p99 is \(ratio)× that
              state size         largest \(largestStateBytes) B, mean \(fixed(meanStateBytes)) B (target < \(Self.stateTargetBytes) B: \(largestStateBytes < Self.stateTargetBytes ? "met" : "MISSED"))
              slowest turns      (median µs, input)
            """ + slowest.map { "\n    \(fixed($0.microseconds)) µs  \($0.input.prefix(90))" }.joined()
    }

    var json: JSONValue {
        .object([
            ("turns", .number(Double(turns))), ("turns_per_second", .number(turnsPerSecond.rounded())),
            ("p50_us", .number(p50Microseconds)), ("p99_us", .number(p99Microseconds)),
            ("search_p99_us", .number(searchP99Microseconds)),
            ("largest_state_bytes", .number(Double(largestStateBytes))), ("mean_state_bytes", .number(meanStateBytes.rounded())),
        ])
    }
}
