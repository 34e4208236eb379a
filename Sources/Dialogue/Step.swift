/// One step of a flow. Everything but the id is optional; the validator checks that the
/// combination leads somewhere.
public struct Step: Equatable, Sendable {
    /// A message with its alternative wordings; one is chosen per session.
    public struct Wording: Equatable, Sendable {
        public var variants: [String]
        public var line: Int
    }

    /// What kind of answer a question wants.
    public enum Expectation: Equatable, Sendable {
        case choice
        case yesNo
        case number(ClosedRange<Int>)
        case text
        /// The person's own words, routed by triggers, the knowledge base or a clarifying question.
        case open
    }

    public struct Option: Equatable, Sendable {
        public var value: String
        public var label: String
        public var synonyms: [String]
        public var target: Target?
        public var line: Int

        /// Every text that selects this option.
        public var phrases: [String] { [value, label] + synonyms }
    }

    /// A conditional jump: `if: condition -> target`.
    public struct Branch: Equatable, Sendable {
        public var condition: Condition
        public var target: Target
        public var line: Int
    }

    public struct Lookup: Equatable, Sendable {
        public var query: String
        public var routes: [String]
        public var line: Int
    }

    public var id: String
    public var line: Int
    public var messages: [Wording] = []
    public var question: Wording?
    public var shortQuestion: String?
    public var expectation: Expectation?
    public var saveKey: String?
    public var options: [Option] = []
    public var branches: [Branch] = []
    public var next: Target?
    /// Where an open question goes when the words point nowhere.
    public var otherwise: Target?
    public var call: String?
    public var lookup: Lookup?
    public var advice: [RouteReference] = []
    /// Phrases that, said plainly (not denied) in the story, answer this yes/no question with yes:
    /// "ik ben helemaal op" answers "Wordt het zorgen u te zwaar?". Never ask what was told.
    public var yesIfTold: [String] = []
    /// Routes recommended when the step ends the conversation; `nil` when the step does not end it.
    public var end: [RouteReference]?
    /// Lines of the directives, for messages.
    public var lines: [String: Int] = [:]

    /// The key the answer is stored under.
    public var answerKey: String { saveKey ?? id }

    /// The expectation in force: options imply a choice.
    public var effectiveExpectation: Expectation? {
        guard question != nil else { return nil }
        return expectation ?? (options.isEmpty ? .text : .choice)
    }

    /// Whether the step leads anywhere after running: a question alone is not a way forward.
    var hasWayForward: Bool {
        end != nil || next != nil || !branches.isEmpty || otherwise != nil
            || (!options.isEmpty && options.allSatisfy { $0.target != nil })
    }
}
