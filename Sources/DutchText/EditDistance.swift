/// Edit distance with transpositions (optimal string alignment), bounded for speed.
///
/// Typos in care questions are mostly one wrong, missing, extra or swapped letter ("mantelzrog").
/// Counting a swap as one edit matches how people mistype; the bound lets a caller stop early,
/// because it only ever asks "within 1 or 2?". Rows live in a stack buffer, so a search over many
/// candidate words allocates nothing.
public enum EditDistance {
    /// The distance between `a` and `b` when it is at most `limit`, otherwise nil.
    public static func distance(_ a: String, _ b: String, limit: Int) -> Int? {
        distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    /// The same on scalar arrays, so callers with prepared arrays avoid conversions.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
            var twoBack = 0, previous = width, current = 2 * width
            for j in 0..<width { rows[previous + j] = j }
            for i in 1...a.count {
                rows[current] = i
                var rowMinimum = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = min(value, rows[twoBack + j - 2] + 1)
                    }
                    rows[current + j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if rowMinimum > limit { return nil }
                (twoBack, previous, current) = (previous, current, twoBack)
            }
            let result = rows[previous + b.count]
            return result <= limit ? result : nil
        }
    }

    /// How many edits a word of this length may have and still count as a typo of a known word:
    /// none below 4 letters (too many short words look alike), 1 up to 7, 2 from 8 on.
    public static func allowedEdits(forLength length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4...7: 1
        default: 2
        }
    }
}
