import Testing
@testable import Retrieval

@Suite("When retrieval answers without asking back")
struct DirectAnswerRuleTests {
    static func result(_ route: String, score: Double, routeScore: Double = 0) -> SearchResult {
        SearchResult(passage: Passage(id: route + "#1", documentID: route, route: route, title: route, keywords: "",
                                      section: nil, text: ""), score: score, routeScore: routeScore)
    }

    let rule = DirectAnswerRule()

    @Test("a fused route answers when it clears the floor, leads by the margin and its passage matches well")
    func fused() {
        let clear = [Self.result("wmo-gemeente", score: 6, routeScore: 0.45), Self.result("wijkverpleging", score: 2, routeScore: 0.2)]
        #expect(rule.answer(clear)?.passage.route == "wmo-gemeente")
        let close = [Self.result("wmo-gemeente", score: 6, routeScore: 0.45), Self.result("wijkverpleging", score: 5, routeScore: 0.3)]
        #expect(rule.answer(close) == nil)
        let low = [Self.result("wmo-gemeente", score: 6, routeScore: 0.35)]
        #expect(rule.answer(low) == nil)
        let vague = [Self.result("wmo-gemeente", score: 2, routeScore: 0.9)]
        #expect(rule.answer(vague) == nil, "a sure classifier alone does not answer a question the passages barely match")
    }

    @Test("without a classifier the BM25F score is the route score")
    func lexical() {
        #expect(rule.answer([Self.result("huisartsenpost", score: 9), Self.result("huisarts", score: 4)])?.passage.route == "huisartsenpost")
        #expect(rule.answer([Self.result("huisartsenpost", score: 9), Self.result("huisarts", score: 5)]) == nil)
        #expect(rule.answer([]) == nil)
    }

    @Test("routes are counted once, at their first result")
    func routes() {
        let ranked = DirectAnswerRule.routes([Self.result("a", score: 5, routeScore: 0.5), Self.result("a", score: 4, routeScore: 0.5),
                                              Self.result("b", score: 3, routeScore: 0.2)])
        #expect(ranked.map(\.route) == ["a", "b"] && ranked.map(\.score) == [0.5, 0.2])
    }
}
