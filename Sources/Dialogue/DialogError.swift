/// A problem in dialog content, located at a file and line so an author can fix it.
public struct DialogError: Error, Equatable, Sendable, CustomStringConvertible {
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
