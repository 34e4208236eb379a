/// The knobs of BM25F ranking.
///
/// Each passage has three fields. A term's frequency is length-normalised per field and weighted,
/// then saturated once: `tf' = Σ w_f · tf_f / (1 − b + b · len_f / avglen_f)`, and the term scores
/// `idf · tf' / (k1 + tf')` with `idf = ln(1 + (N − df + 0.5) / (df + 0.5))`. Title and keywords
/// weigh more because authors put there the words people use for the whole document.
public struct BM25Parameters: Equatable, Sendable {
    /// Term-frequency saturation: higher lets repeated words keep adding score (Lucene's default).
    public var k1: Double = 1.2
    /// Length normalisation, 0 (none) to 1 (full), the same for every field.
    public var b: Double = 0.75
    public var titleWeight: Double = 2.5
    public var keywordsWeight: Double = 2.0
    public var bodyWeight: Double = 1.0

    public init() {}

    public init(k1: Double, b: Double, titleWeight: Double = 2.5, keywordsWeight: Double = 2.0, bodyWeight: Double = 1.0) {
        self.k1 = k1
        self.b = b
        self.titleWeight = titleWeight
        self.keywordsWeight = keywordsWeight
        self.bodyWeight = bodyWeight
    }
}
