import DutchText

/// A test on stored answers, such as `leeftijd < 18` or `voor = naaste en zwaar = ja`.
public struct Condition: Equatable, Sendable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case lessOrEqual = "<=", greaterOrEqual = ">=", notEqual = "!=", equal = "=", less = "<", greater = ">"
    }

    public struct Comparison: Equatable, Sendable {
        public var key: String
        public var op: Operator
        public var value: String
    }

    /// All must hold.
    public var comparisons: [Comparison]

    /// Parses `key op value` clauses joined by ` en ` or ` and `; `nil` when a clause is malformed.
    public init?(_ text: String) {
        var comparisons: [Comparison] = []
        for clause in text.replacing(" and ", with: " en ").split(separator: " en ", omittingEmptySubsequences: false) {
            guard let comparison = Self.comparison(clause) else { return nil }
            comparisons.append(comparison)
        }
        self.comparisons = comparisons
    }

    private static func comparison(_ clause: Substring) -> Comparison? {
        for op in Operator.allCases {
            guard let range = clause.firstRange(of: op.rawValue) else { continue }
            let key = clause[..<range.lowerBound].trimmed()
            let value = clause[range.upperBound...].trimmed()
            guard !key.isEmpty, !value.isEmpty, !key.contains(" ") else { return nil }
            if [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op), Int(value) == nil { return nil }
            return Comparison(key: key, op: op, value: value)
        }
        return nil
    }

    /// Whether every comparison holds for `answers`. A comparison on a missing answer is false:
    /// a skipped question must not send anyone down a branch meant for a real answer.
    public func holds(for answers: (String) -> String?) -> Bool {
        comparisons.allSatisfy { comparison in
            guard let answer = answers(comparison.key) else { return false }
            switch comparison.op {
            case .equal: return answer.lowercased() == comparison.value.lowercased()
            case .notEqual: return answer.lowercased() != comparison.value.lowercased()
            default:
                guard let number = Int(answer), let limit = Int(comparison.value) else { return false }
                switch comparison.op {
                case .less: return number < limit
                case .lessOrEqual: return number <= limit
                case .greater: return number > limit
                default: return number >= limit
                }
            }
        }
    }

    public var keys: [String] { comparisons.map(\.key) }

    public var description: String {
        comparisons.map { "\($0.key) \($0.op.rawValue) \($0.value)" }.joined(separator: " en ")
    }
}
