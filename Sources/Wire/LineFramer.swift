/// Splits a byte stream into lines for the line protocol: one message per line, `\n` or `\r\n`.
///
/// A line longer than `maximumLength` bytes is never buffered whole: the framer reports it once and
/// drops bytes up to its newline, so a client that never sends one cannot make the server grow.
public struct LineFramer: Sendable {
    public enum Event: Equatable, Sendable {
        case line([UInt8])
        case tooLong
    }

    public let maximumLength: Int
    private var buffer: [UInt8] = []
    private var discarding = false

    public init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    /// Bytes held while waiting for the end of a line.
    public var pendingCount: Int { buffer.count }

    /// Adds bytes and returns the events they complete, in order.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [Event] {
        var events: [Event] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if discarding {
                    discarding = false
                } else {
                    if buffer.last == UInt8(ascii: "\r") { buffer.removeLast() }
                    events.append(.line(buffer))
                }
                buffer.removeAll(keepingCapacity: true)
            } else if !discarding {
                buffer.append(byte)
                // One byte of slack for the "\r" of a "\r\n" line ending.
                if buffer.count > maximumLength + 1 || (buffer.count == maximumLength + 1 && byte != UInt8(ascii: "\r")) {
                    events.append(.tooLong)
                    discarding = true
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        return events
    }
}
