/// Redis' serialization protocol, RESP2 (https://redis.io/docs/latest/develop/reference/protocol-spec/):
/// commands out as arrays of bulk strings, replies in as one of five types. The reply parser is a
/// byte-in state machine like the HTTP one: strict, bounded, and fuzzed.
public enum RESPValue: Equatable, Sendable {
    case simple(String)
    case error(String)
    case integer(Int64)
    /// A bulk string; nil is RESP2's null bulk string (`$-1`).
    case bulk([UInt8]?)
    /// An array; nil is the null array (`*-1`), which `EXEC` answers when a watched key changed.
    case array([RESPValue]?)

    /// A bulk or simple string as text.
    public var text: String? {
        switch self {
        case .simple(let text): text
        case .bulk(let bytes?): String(decoding: bytes, as: UTF8.self)
        default: nil
        }
    }
}

public enum RESP {
    /// A command as RESP: `*<n>\r\n` and `$<len>\r\n<bytes>\r\n` per argument.
    public static func command(_ arguments: [[UInt8]]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(16 + arguments.reduce(0) { $0 + $1.count + 16 })
        output += "*\(arguments.count)\r\n".utf8
        for argument in arguments {
            output += "$\(argument.count)\r\n".utf8
            output += argument
            output += "\r\n".utf8
        }
        return output
    }

    public static func command(_ arguments: String...) -> [UInt8] {
        command(arguments.map { Array($0.utf8) })
    }
}

/// Reads RESP2 replies from bytes as they arrive. Limits keep a broken or hostile server from
/// making the client allocate without end: a bulk string, an array's length and the nesting depth
/// are bounded.
public struct RESPParser: Sendable {
    public struct Limits: Sendable {
        public var maximumBulkBytes = 16 * 1024 * 1024
        public var maximumArrayCount = 1024 * 1024
        public var maximumDepth = 8
        /// Longest line of a simple string, error or length.
        public var maximumLineBytes = 64 * 1024

        public init() {}
    }

    public struct Failure: Error, Equatable, Sendable {
        public var message: String
    }

    public let limits: Limits
    private var buffer: [UInt8] = []
    private var start = 0

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 4096 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next whole reply, nil while more bytes are needed; throws on bytes that are not RESP2.
    public mutating func next() throws(Failure) -> RESPValue? {
        var index = start
        guard let value = try value(at: &index, depth: 0) else { return nil }
        start = index
        return value
    }

    private func value(at index: inout Int, depth: Int) throws(Failure) -> RESPValue? {
        guard depth <= limits.maximumDepth else { throw Failure(message: "replies nested deeper than \(limits.maximumDepth)") }
        guard index < buffer.count else { return nil }
        let type = buffer[index]
        var cursor = index + 1
        guard let line = try line(at: &cursor) else { return nil }
        let result: RESPValue
        switch type {
        case UInt8(ascii: "+"): result = .simple(String(decoding: line, as: UTF8.self))
        case UInt8(ascii: "-"): result = .error(String(decoding: line, as: UTF8.self))
        case UInt8(ascii: ":"): result = .integer(try Self.integer(line))
        case UInt8(ascii: "$"):
            let length = try Self.integer(line)
            if length == -1 {
                result = .bulk(nil)
                break
            }
            guard length >= 0, length <= limits.maximumBulkBytes else { throw Failure(message: "bulk string length \(length) out of bounds") }
            let end = cursor + Int(length)
            guard buffer.count >= end + 2 else { return nil }
            guard buffer[end] == 0x0D, buffer[end + 1] == 0x0A else { throw Failure(message: "bulk string not ended by CRLF") }
            result = .bulk(Array(buffer[cursor..<end]))
            cursor = end + 2
        case UInt8(ascii: "*"):
            let count = try Self.integer(line)
            if count == -1 {
                result = .array(nil)
                break
            }
            guard count >= 0, count <= limits.maximumArrayCount else { throw Failure(message: "array length \(count) out of bounds") }
            var elements: [RESPValue] = []
            elements.reserveCapacity(min(Int(count), 1024))
            for _ in 0..<count {
                guard let element = try value(at: &cursor, depth: depth + 1) else { return nil }
                elements.append(element)
            }
            result = .array(elements)
        default:
            throw Failure(message: "unknown reply type byte \(type)")
        }
        index = cursor
        return result
    }

    /// The bytes up to CRLF, moving `cursor` past it; nil while the CRLF has not arrived.
    private func line(at cursor: inout Int) throws(Failure) -> ArraySlice<UInt8>? {
        var end = cursor
        while end < buffer.count, buffer[end] != 0x0D {
            guard buffer[end] != 0x0A else { throw Failure(message: "bare LF in a reply line") }
            end += 1
            guard end - cursor <= limits.maximumLineBytes else { throw Failure(message: "reply line longer than \(limits.maximumLineBytes) bytes") }
        }
        guard end + 1 < buffer.count else { return nil }
        guard buffer[end + 1] == 0x0A else { throw Failure(message: "CR without LF in a reply line") }
        let line = buffer[cursor..<end]
        cursor = end + 2
        return line
    }

    /// A decimal integer as RESP writes it: an optional minus, then digits only.
    private static func integer(_ line: ArraySlice<UInt8>) throws(Failure) -> Int64 {
        let digits = line.first == UInt8(ascii: "-") ? line.dropFirst() : line
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let value = Int64(String(decoding: line, as: UTF8.self)) else {
            throw Failure(message: "invalid integer '\(String(decoding: line.prefix(32), as: UTF8.self))'")
        }
        return value
    }
}
