/// The words that work in every state of every flow; their phrases are content (`AnswerWords`,
/// `Dialogs/woorden.tsv`).
enum Command: Equatable, Sendable {
    case help, restart, back, stop, human, forget, skip, sources
}
