/// The knobs of BM25F ranking.
///
/// Each passage has three fields. A term's frequency is length-normalised per field and weighted,
/// then saturated once: `tf' = Σ w_f · tf_f / (1 − b + b · len_f / avglen_f)`, and the term scores
/// `idf · tf' / (k1 + tf')` with `idf = ln(1 + (N − df + 0.5) / (df + 0.5))`. Title and keywords
/// weigh more because authors put there the words people use for the whole document.
public struct BM25Parameters: Equatable, Sendable {
    /// Term-frequency saturation: higher lets repeated words keep adding score (Lucene's default).
    public var k1: Double = 1.2
    /// Length normalisation, 0 (none) to 1 (full), the same for every field. 0.5 rather than the usual
    /// 0.75: passages range from a one-sentence summary to long sections, and full normalisation
    /// over-rewards the shortest. On the development questions 0.5 was equal or better at every k1 and
    /// field weighting tried (docs/PERFORMANCE.md), while bm25s, given the same b, did not change.
    public var b: Double = 0.5
    public var titleWeight: Double = 2.5
    public var keywordsWeight: Double = 2.0
    public var bodyWeight: Double = 1.0
    /// The share of the route classifier in a route's score; the rest is the route's best passage
    /// score relative to the best passage of the question. Chosen by cross-validation on the
    /// content's examples (`routewijzer-bench classifier`), never on evaluation questions.
    public var intentWeight: Double = 0.7
    /// The BM25F score that earns a route the full lexical share of the fusion; a question whose best
    /// passage scores lower gives its routes a smaller share (`RouteFusion`). Chosen with the weight.
    public var lexicalFloor: Double = 10
    /// How much a word that names a person counts ("moeder", "zoon", "buurvrouw"): it says whom a
    /// question is about, which the context cues and the classifier read, more than what it is about.
    public var personWordWeight: Double = 0.6
    /// How the route classifier trains.
    public var classifier = RouteClassifier.Settings()

    public init() {}

    public init(k1: Double, b: Double, titleWeight: Double = 2.5, keywordsWeight: Double = 2.0, bodyWeight: Double = 1.0) {
        self.k1 = k1
        self.b = b
        self.titleWeight = titleWeight
        self.keywordsWeight = keywordsWeight
        self.bodyWeight = bodyWeight
    }
}
