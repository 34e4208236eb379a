/// Everything the engine remembers about one conversation: a small Codable value, so a server can
/// keep it in memory or write it to a journal, and a reply is a function of state, input and content.
public struct SessionState: Codable, Equatable, Sendable {
    /// A step in a flow.
    public struct Position: Codable, Equatable, Sendable {
        public var flow: String
        public var step: String
    }

    /// An answer, with the step that asked it (for the summary and for `{key}`).
    public struct Answer: Codable, Equatable, Sendable {
        public var flow: String
        public var step: String
        public var key: String
        public var value: String
    }

    /// What `terug` restores: the state just before an answer.
    struct Undo: Codable, Equatable, Sendable {
        var position: Position?
        var stack: [Position]
        var answerCount: Int
        var adviceCount: Int
    }

    /// The step whose question waits for an answer; `nil` once the conversation has ended.
    public var position: Position?
    /// The steps that called the sub-flows we are in, innermost last.
    public var stack: [Position] = []
    public var answers: [Answer] = []
    /// Every route recommended so far, in order, for the summary.
    public var advice: [RouteReference] = []
    var undo: [Undo] = []
    /// Answers to the pending question that did not fit.
    var attempts = 0
    /// Whether a side question was already answered while this question waited.
    var digressed = false
    /// Open questions whose words pointed nowhere, in this session.
    var misses = 0
    /// Whether the last open answer started the current flow: its words may answer choice questions.
    var followsStory = false
    /// Route ids offered by a pending clarifying question.
    var clarifying: [String]?
    /// Needs of the story still to take up, in order; `nil` when none wait (and in states written
    /// before needs were read, which a journal may still hold).
    public var needs: [Need]?
    /// The need just offered ("Zullen we daar nu naar kijken?"), waiting for yes or no.
    public var offered: Need?
    /// Crisis cards shown after a check question: not advice, but the summary lists them apart, so
    /// a person who did mention danger keeps the numbers.
    var crisisCards: [RouteReference]?
    /// The part of the story the current flow takes up, when it is one of several needs: its options
    /// are read from that part, so "het huishouden" in another part does not answer for this one.
    var storyPart: String?
    /// Where the advice of the latest turn that gave advice starts in `advice`: its first card is the
    /// main desk, which a follow-up ("wat kost dat?") is about.
    var latestAdvice: Int?
    /// The routes offered after "mens", waiting for a choice.
    var people: [String]?
    /// The gemeente the person lives in, by its name in the list: set by the channel (`--gemeente`,
    /// a webhook's `gemeente`) or read from what the person wrote ("ik woon in Tilburg"). Its own
    /// desks then replace the national contact on the cards.
    public var gemeente: String?
    /// Chooses among alternative wordings, so one session reads consistently.
    public var seed: UInt64
    /// Seconds since 1970 when the session started and when it last had a turn.
    public var startedAt: Int64
    public var lastActive: Int64
    public var ended = false

    public init(seed: UInt64, now: Int64) {
        self.seed = seed
        self.startedAt = now
        self.lastActive = now
    }

    /// How many answers and recommendations a session keeps; older ones give way so the state stays small.
    static let answerLimit = 24
    static let undoLimit = 5
    /// Longest free text kept as an answer, in characters.
    public static let storedTextLimit = 300

    /// The person's own words from the last open question (for answers they already gave in them).
    func lastStory(in dialogs: DialogSet) -> String? {
        answers.last { answer in dialogs.flow(answer.flow)?.step(answer.step)?.effectiveExpectation == .open }?.value
    }

    /// The latest answer stored under `key`.
    func answer(_ key: String) -> Answer? { answers.last { $0.key == key } }

    mutating func record(_ answer: Answer) {
        undo.append(Undo(position: position, stack: stack, answerCount: answers.count, adviceCount: advice.count))
        if undo.count > Self.undoLimit { undo.removeFirst() }
        answers.append(answer)
        if answers.count > Self.answerLimit {
            answers.removeFirst()
            undo.removeAll()
        }
    }

    /// Restores the state before the last answer; false when there is none to undo.
    mutating func undoLastAnswer() -> Bool {
        guard let last = undo.popLast() else { return false }
        position = last.position
        stack = last.stack
        answers.removeLast(answers.count - min(last.answerCount, answers.count))
        advice.removeLast(advice.count - min(last.adviceCount, advice.count))
        resetQuestion()
        clarifying = nil
        offered = nil
        people = nil
        return true
    }

    /// A new question starts with a clean slate of attempts and side questions.
    mutating func resetQuestion() {
        attempts = 0
        digressed = false
    }
}
