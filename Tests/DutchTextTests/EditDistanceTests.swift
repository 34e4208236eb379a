import Testing
@testable import DutchText

@Suite("Edit distance")
struct EditDistanceTests {
    @Test("one substitution, insertion, deletion or swap is distance 1", arguments: [
        ("moeder", "moedor"), ("moeder", "moedder"), ("moeder", "moedr"), ("mantelzorg", "mantelzrog"),
    ])
    func singleEdits(a: String, b: String) {
        #expect(EditDistance.distance(a, b, limit: 2) == 1)
    }

    @Test("distances beyond the limit are nil")
    func bounded() {
        #expect(EditDistance.distance("huisarts", "huistaart", limit: 1) == nil)
        #expect(EditDistance.distance("huisarts", "wijkteam", limit: 2) == nil)
        #expect(EditDistance.distance("kort", "langer woord", limit: 2) == nil)
    }

    @Test("identical and empty strings")
    func edges() {
        #expect(EditDistance.distance("zorg", "zorg", limit: 1) == 0)
        #expect(EditDistance.distance("", "ab", limit: 2) == 2)
        #expect(EditDistance.distance("", "", limit: 0) == 0)
    }

    @Test("allowed edits grow with word length", arguments: [(3, 0), (4, 1), (7, 1), (8, 2), (20, 2)])
    func allowedEdits(length: Int, edits: Int) {
        #expect(EditDistance.allowedEdits(forLength: length) == edits)
    }
}
