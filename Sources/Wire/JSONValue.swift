/// A JSON value with object keys in the order they were written.
///
/// Output of `--json` commands is a contract other tools read and tests compare, so keys come out in
/// a fixed order and numbers in a fixed format; a hand-written writer also avoids JSONEncoder's cost.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// `{"error":{"code","message"}}`: how both servers report an error.
    public static func error(code: String, message: String) -> JSONValue {
        .object([("error", .object([("code", .string(code)), ("message", .string(message))]))])
    }

    /// Compact JSON text on one line.
    public var serialized: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The same text as UTF-8 bytes, written straight into the buffer a server sends.
    public var bytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output)
        return output
    }

    public func write(to output: inout [UInt8]) {
        switch self {
        case .null: output += "null".utf8
        case .bool(let value): output += (value ? "true" : "false").utf8
        case .number(let value): output += Self.format(value).utf8
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                value.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Integers without a fraction, other numbers rounded to six decimals; never NaN or infinity.
    /// Writing what was read back gives the same text (the fuzzer checks this).
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        guard abs(value) < 1e15 else { return "\(value)" }
        let scaled = (value * 1_000_000).rounded() / 1_000_000
        if scaled == scaled.rounded() { return String(Int64(scaled)) }
        return "\(scaled)"
    }

    /// A JSON string: UTF-8 copied as it is, except the quote, the backslash and control characters.
    public static func writeString(_ value: String, to output: inout [UInt8]) {
        value.withUTF8Bytes { writeString(utf8: $0, to: &output) }
    }

    /// A JSON string, or `null` for nil.
    public static func writeString(orNull value: String?, to output: inout [UInt8]) {
        if let value { writeString(value, to: &output) } else { output += "null".utf8 }
    }

    /// The bytes between escapes go out as whole runs: most text has no escape at all and is
    /// copied in one go.
    private static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in bytes.indices where needsEscape(bytes[index]) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            writeEscape(bytes[index], to: &output)
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        output.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func writeEscape(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output += #"\""#.utf8
        case UInt8(ascii: "\\"): output += #"\\"#.utf8
        case UInt8(ascii: "\n"): output += #"\n"#.utf8
        case UInt8(ascii: "\r"): output += #"\r"#.utf8
        case UInt8(ascii: "\t"): output += #"\t"#.utf8
        default:
            let hex = Array("0123456789abcdef".utf8)
            output += #"\u00"#.utf8
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0x0F)])
        }
    }
}
