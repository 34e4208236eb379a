/// Taking up every need of a story: the plan said when a story holds several, and after each
/// advice the next need offered, or the question whether there is more.
extension Conversation {
    /// Several needs: says the order, and keeps the others for when the first flow has advised.
    /// Needs already waiting from an earlier story come after the new ones.
    mutating func plan(_ needs: [Need], first: String) {
        let rest = needs.filter { $0.flow != first }
        guard !rest.isEmpty else { return }
        let firstWords = needs.first { $0.flow == first }?.words
        say(content.phrases.plan(first: firstWords, then: rest.map(\.words)))
        let waiting = (rest + (state.needs ?? [])).reduce(into: [Need]()) { kept, need in
            if !kept.contains(where: { $0.flow == need.flow }) { kept.append(need) }
        }
        state.needs = Array(waiting.prefix(StoryReader.limit))
    }

    /// The next need of the story, offered with a yes/no question (a need read from a story may be
    /// wrong, and the person decides), or the question whether there is more. A need whose desk the
    /// advice so far already named is answered: that is said, not asked again.
    mutating func afterAdvice() {
        while let need = state.needs?.first, let next = content.dialogs.flow(need.flow) {
            state.needs!.removeFirst()
            if state.needs!.isEmpty { state.needs = nil }
            if state.advice.contains(where: { next.routes.contains($0.route) }) {
                say(content.phrases.fill(.alreadyCovered, ["woorden": need.words]))
                continue
            }
            state.offered = need
            state.position = .init(flow: DialogSet.intakeID, step: DialogSet.moreStepID)
            return offer(need)
        }
        guard let more = content.dialogs.intake?.step(DialogSet.moreStepID) else { return finish() }
        run(.init(flow: DialogSet.intakeID, step: more.id))
    }

    mutating func offer(_ need: Need) {
        say(content.phrases.fill(.offerNeed, ["woorden": need.words]), options: content.phrases.yesNoOptions)
    }

    /// The answer to "Zullen we daar nu naar kijken?": yes takes the need up, no goes on to the
    /// next; anything else is a new story, read as the answer to `meer`.
    mutating func answerOffer(_ text: String, need: Need) {
        state.offered = nil
        switch content.words.yesNo(analysis(of: text).plainWords) {
        case "ja":
            guard let flow = content.dialogs.flow(need.flow) else { return stuck() }
            state.followsStory = true
            state.storyPart = need.words
            run(.init(flow: flow.id, step: flow.startStep))
        case "nee":
            afterAdvice()
        default:
            guard let (flow, step) = content.step(at: .init(flow: DialogSet.intakeID, step: DialogSet.moreStepID)) else { return stuck() }
            answerOpen(text, flow: flow, step: step)
        }
    }
}
