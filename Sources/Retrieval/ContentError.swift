/// A problem in a content file (in Knowledge/ or Dialogs/), located at a file and line so an author
/// can fix it.
public struct ContentError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the form editors and CI logs link to.
    public var description: String { "\(file):\(line): \(message)" }
}

/// A problem in a Knowledge file.
public typealias KnowledgeError = ContentError
