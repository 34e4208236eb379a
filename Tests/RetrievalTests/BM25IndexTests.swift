import DutchText
import Foundation
import Testing
@testable import Retrieval

@Suite("BM25F index")
struct BM25IndexTests {
    let index = BM25Index(knowledge: Fixtures.base)

    @Test("the passage that shares the question's words ranks first, with the terms that matched")
    func ranks() throws {
        let best = try #require(index.search("mijn vader heeft hoge koorts en het is weekend").first)
        #expect(best.passage.route == "huisartsenpost")
        #expect(best.matchedTerms.contains(index.analyzer.stem("koorts")))
    }

    @Test("title and keywords weigh more than the body")
    func fieldWeights() {
        func passage(_ id: String, title: String, keywords: String, text: String) -> Passage {
            Passage(id: id, documentID: id, route: "r", title: title, keywords: keywords, section: nil, text: text)
        }
        let passages = [
            passage("body", title: "iets anders", keywords: "nog iets", text: "steunpunt hier"),
            passage("keywords", title: "iets anders", keywords: "steunpunt, anders", text: "nog iets hier"),
            passage("title", title: "steunpunt anders", keywords: "nog iets", text: "iets hier"),
        ]
        let results = BM25Index(passages: passages, analyzer: index.analyzer).search("steunpunt")
        #expect(results.map(\.passage.id) == ["title", "keywords", "body"])
    }

    @Test("results are deterministic: equal scores keep passage order")
    func ties() {
        let results = index.search("mantelzorger")
        #expect(results.map(\.passage.id) == ["respijtzorg", "respijtzorg#waarvoor", "respijtzorg#wat-kost-het"])
        #expect(Set(results.map(\.score)).count == 1)
        #expect(index.search("mantelzorger").map(\.passage.id) == results.map(\.passage.id))
    }

    @Test("a question without known words finds nothing; the limit is respected")
    func emptyAndLimit() {
        #expect(index.search("xyzzy qwerty").isEmpty)
        #expect(index.search("").isEmpty)
        #expect(index.search("de het een").isEmpty)
        #expect(index.search("zorg gemeente weekend mantelzorger", limit: 2).count == 2)
    }

    @Test("typos and compounds still find the document")
    func tolerance() {
        #expect(index.search("mantelzorgr").first?.passage.route == "mantelzorg")
        #expect(index.search("weekendkoorts").first?.passage.route == "huisartsenpost")
    }

    @Test("b = 0 turns off length normalisation: one match scores alike in short and long bodies")
    func lengthNormalisation() {
        let short = Passage(id: "a", documentID: "a", route: "r", title: "", keywords: "", section: nil, text: "steunpunt")
        let long = Passage(id: "b", documentID: "b", route: "r", title: "", keywords: "", section: nil,
                           text: "steunpunt voor vragen over geld werk wonen school en vervoer in de buurt")
        let flat = BM25Index(passages: [short, long], analyzer: index.analyzer, parameters: BM25Parameters(k1: 1.2, b: 0))
        let scores = flat.search("steunpunt").map(\.score)
        #expect(scores.count == 2 && scores[0] == scores[1])
        let normalised = BM25Index(passages: [short, long], analyzer: index.analyzer).search("steunpunt")
        #expect(normalised.map(\.passage.id) == ["a", "b"] && normalised[0].score > normalised[1].score)
    }

    @Test("a rarer term counts more (idf)")
    func idf() throws {
        let results = index.search("gemeente logeeropvang")
        #expect(results.first?.passage.documentID == "respijtzorg")
    }

    @Test("a searcher reused across queries gives the same answers as fresh searches")
    func searcherReuse() {
        var searcher = Searcher(index: index)
        for query in ["koorts", "schoonmaken", "koorts", "mantelzorger"] {
            #expect(searcher.search(query).map(\.passage.id) == index.search(query).map(\.passage.id))
        }
    }

    @Test("distinct routes keep rank order")
    func distinctRoutes() {
        #expect(index.search("zorg weekend schoonmaken mantelzorger").distinctRoutes.count == 3)
    }
}

@Suite("Route evaluation")
struct RouteEvaluationTests {
    @Test("questions parse with an optional header, and metrics count distinct routes")
    func metrics() throws {
        let questions = try RouteEvaluation.parseQuestions("question\troutes\nkoorts in het weekend\thuisartsenpost\nik ben overbelast\twmo-gemeente,mantelzorg\nschoonmaken\tmantelzorg\n", file: "q.tsv")
        #expect(questions.map(\.line) == [2, 3, 4])
        let index = BM25Index(knowledge: Fixtures.base)
        var evaluation = RouteEvaluation()
        for question in questions { evaluation.record(question, results: index.search(question.text)) }
        #expect(evaluation.outcomes.map(\.firstHit) == [1, 1, nil])
        #expect(evaluation.top1 == 2.0 / 3.0)
        #expect(evaluation.meanReciprocalRank == 2.0 / 3.0)
        #expect(evaluation.misses.map(\.question.line) == [4])
    }

    @Test("a line without a tab is an error at its line")
    func malformed() {
        #expect(throws: KnowledgeError(file: "q.tsv", line: 2, message: "expected 'question<TAB>route,route'")) {
            try RouteEvaluation.parseQuestions("a\tb\nzonder tab\n", file: "q.tsv")
        }
    }
}

@Suite("BM25F scores against a direct computation of the formula")
struct BM25FormulaTests {
    /// The formula of `BM25Parameters`, computed from scratch for one passage.
    static func expectedScore(_ query: [String], passage: Int, passages: [Passage], analyzer: Analyzer, parameters: BM25Parameters) -> Double {
        func stems(_ text: String) -> [String] { analyzer.analyze(text).filter { !$0.isStopWord }.map(\.stem) }
        let fields = passages.map { [stems($0.title), stems($0.keywords), stems(($0.section ?? "") + "\n" + $0.text)] }
        let weights = [parameters.titleWeight, parameters.keywordsWeight, parameters.bodyWeight]
        let averages = (0..<3).map { field in Double(fields.map { $0[field].count }.reduce(0, +)) / Double(fields.count) }
        let count = Double(passages.count)
        return query.reduce(0.0) { score, stem in
            let df = Double(fields.filter { $0.contains { $0.contains(stem) } }.count)
            guard df > 0 else { return score }
            let idf = log(1 + (count - df + 0.5) / (df + 0.5))
            let tf = (0..<3).reduce(0.0) { sum, field in
                let frequency = Double(fields[passage][field].filter { $0 == stem }.count)
                let norm = (1 - parameters.b) + parameters.b * Double(fields[passage][field].count) / max(averages[field], 1)
                return sum + weights[field] * frequency / norm
            }
            return score + idf * tf / (parameters.k1 + tf)
        }
    }

    @Test("the index's scores equal the formula", arguments: [BM25Parameters(), BM25Parameters(k1: 2.0, b: 0.3)])
    func matchesFormula(parameters: BM25Parameters) {
        let base = Fixtures.base
        let analyzer = Analyzer(tables: base.tables)
        let passages = base.passages
        let index = BM25Index(passages: passages, analyzer: analyzer, parameters: parameters)
        let query = "zorg gemeente weekend mantelzorger koorts"
        let stems = analyzer.analyze(query).filter { !$0.isStopWord }.map(\.stem)
        for result in index.search(query, limit: 100) {
            let number = passages.firstIndex(of: result.passage)!
            let expected = Self.expectedScore(stems, passage: number, passages: passages, analyzer: analyzer, parameters: parameters)
            #expect(abs(result.score - expected) < 1e-4, "\(result.passage.id): \(result.score) vs \(expected)")
        }
    }
}

@Suite("Parallel index build")
struct ParallelBuildTests {
    @Test("building on several workers gives exactly the index of one worker", arguments: [2, 3, 7])
    func sameIndex(workers: Int) {
        let base = Fixtures.base
        let analyzer = Analyzer(tables: base.tables)
        // Enough passages that every worker gets some, with repeats so terms recur across ranges.
        let passages = (0..<40).flatMap { round in base.passages.map {
            Passage(id: $0.id + "-\(round)", documentID: $0.documentID, route: $0.route, title: $0.title, keywords: $0.keywords,
                    section: $0.section, text: $0.text)
        } }
        let (oneIDs, onePostings, oneIDF) = BM25Index.Builder.build(passages, analyzer: analyzer, parameters: BM25Parameters(), workers: 1).finish()
        let (manyIDs, manyPostings, manyIDF) = BM25Index.Builder.build(passages, analyzer: analyzer, parameters: BM25Parameters(), workers: workers).finish()
        #expect(Set(oneIDs.keys) == Set(manyIDs.keys))
        for (stem, one) in oneIDs {
            let many = manyIDs[stem]!
            #expect(onePostings[Int(one)].passages == manyPostings[Int(many)].passages, "postings of \(stem)")
            #expect(onePostings[Int(one)].factors == manyPostings[Int(many)].factors, "factors of \(stem)")
            #expect(oneIDF[Int(one)] == manyIDF[Int(many)])
        }
    }
}
