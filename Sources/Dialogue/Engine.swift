/// The dialogue engine: a pure function from (session state, input, content, clock) to a turn.
///
/// It holds no mutable state of its own, so one engine serves every session on every thread; the
/// caller keeps each session's `SessionState` and passes it back with the next input.
public struct Engine: Sendable {
    public let content: DialogueContent

    public init(content: DialogueContent) {
        self.content = content
    }

    /// Opens a conversation: the greeting and the intake's first question.
    public func start(seed: UInt64, now: Int64) -> Turn {
        var conversation = Conversation(content: content, state: SessionState(seed: seed, now: now), now: now)
        conversation.begin()
        return conversation.turn()
    }

    /// A session waiting at the intake's first question, without the greeting: for channels where the
    /// person speaks first, such as a webhook.
    public func newSession(seed: UInt64, now: Int64, gemeente: String? = nil) -> SessionState {
        var state = start(seed: seed, now: now).state
        state.gemeente = gemeente
        return state
    }

    /// Closes a conversation whose input ended (Ctrl-D in a terminal): the summary and goodbye, as
    /// `stop` gives them. An ended conversation has nothing more to say.
    public func close(_ state: SessionState, now: Int64) -> Turn {
        var conversation = Conversation(content: content, state: state, now: now)
        if !state.ended { conversation.finish() }
        return conversation.turn()
    }

    /// Answers one input. After the conversation has ended, the input opens a new one.
    public func reply(to input: String, in state: SessionState, now: Int64) -> Turn {
        let current = state.ended ? newSession(seed: state.seed &+ 1, now: now, gemeente: state.gemeente) : state
        var conversation = Conversation(content: content, state: current, now: now)
        conversation.handle(input)
        return conversation.turn()
    }
}
