import Retrieval

/// A problem in a Dialogs file: the same `file:line: message` as a Knowledge problem.
public typealias DialogError = ContentError
