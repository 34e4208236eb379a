import Retrieval

/// One message of the assistant, with the options it offers (buttons in a web client, numbers in
/// the terminal).
public struct Reply: Codable, Equatable, Sendable {
    public struct Option: Codable, Equatable, Sendable {
        public var label: String
        /// What to send back to choose it.
        public var value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    public var text: String
    public var options: [Option]

    public init(text: String, options: [Option] = []) {
        self.text = text
        self.options = options
    }
}

/// The outcome of one input: what to say, which routes were recommended, and the new state.
public struct Turn: Equatable, Sendable {
    public var replies: [Reply]
    /// Route ids recommended in this turn, in order, without repeats.
    public var routes: [String]
    public var state: SessionState
    /// The conversation is over: show the replies, then forget the state.
    public var ended: Bool { state.ended }
    /// The person asked to be forgotten: the caller must erase every copy of the session.
    public var erased: Bool
    /// What the safety net did with this input: nothing, a check question, or the crisis card.
    public var safety: SafetyAssessment.Outcome
    /// The cards shown in this turn, in order, for channels that show them their own way (with sources).
    public var cards: [RouteCard] = []
    /// The safety net answered this input (a check or an alarm).
    public var safetyTriggered: Bool { safety != .none }

    /// The flow and step of the pending question, for the turn object.
    public var flow: String? { state.position?.flow }
    public var step: String? { state.position?.step }
}
