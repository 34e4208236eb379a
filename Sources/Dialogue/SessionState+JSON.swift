import Wire

/// A session's state as JSON, written by hand: a server with a journal writes the state on every
/// turn, and going through `Encodable` (an existential call per field) cost more than the turn
/// itself. The keys are those of the synthesized `Codable` conformance, so `JSONDecoder` reads the
/// text back; a test holds the two to the same keys and the same value for a state with every field.
extension SessionState {
    public var json: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        output.append(UInt8(ascii: "{"))
        output.member("seed", seed, first: true)
        output.member("startedAt", startedAt)
        output.member("lastActive", lastActive)
        output.member("ended", ended)
        output.member("position", position)
        output.member("stack", stack)
        output.member("answers", answers)
        output.member("advice", advice)
        output.member("undo", undo)
        output.member("attempts", attempts)
        output.member("digressed", digressed)
        output.member("misses", misses)
        output.member("followsStory", followsStory)
        output.member("clarifying", clarifying)
        output.member("needs", needs)
        output.member("offered", offered)
        output.member("crisisCards", crisisCards)
        output.member("storyPart", storyPart)
        output.member("latestAdvice", latestAdvice)
        output.member("people", people)
        output.member("gemeente", gemeente)
        output.append(UInt8(ascii: "}"))
        return output
    }
}

/// A value that writes itself as JSON.
protocol JSONWritable {
    func write(to output: inout [UInt8])
}

extension [UInt8] {
    /// `"key":value`, after a comma unless it is the first; nothing for nil, as `encodeIfPresent`.
    mutating func member(_ key: StaticString, _ value: (some JSONWritable)?, first: Bool = false) {
        guard let value else { return }
        if !first { append(UInt8(ascii: ",")) }
        append(UInt8(ascii: "\""))
        key.withUTF8Buffer { append(contentsOf: $0) }
        append(contentsOf: "\":".utf8)
        value.write(to: &self)
    }
}

extension String: JSONWritable {
    func write(to output: inout [UInt8]) { JSONValue.writeString(self, to: &output) }
}

extension Bool: JSONWritable {
    func write(to output: inout [UInt8]) { output += (self ? "true" : "false").utf8 }
}

extension Int: JSONWritable {
    func write(to output: inout [UInt8]) { output += String(self).utf8 }
}

extension Int64: JSONWritable {
    func write(to output: inout [UInt8]) { output += String(self).utf8 }
}

extension UInt64: JSONWritable {
    func write(to output: inout [UInt8]) { output += String(self).utf8 }
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (index, element) in enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            element.write(to: &output)
        }
        output.append(UInt8(ascii: "]"))
    }
}

extension SessionState.Position: JSONWritable {
    func write(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        output.member("flow", flow, first: true)
        output.member("step", step)
        output.append(UInt8(ascii: "}"))
    }
}

extension SessionState.Answer: JSONWritable {
    func write(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        output.member("flow", flow, first: true)
        output.member("step", step)
        output.member("key", key)
        output.member("value", value)
        output.append(UInt8(ascii: "}"))
    }
}

extension SessionState.Undo: JSONWritable {
    func write(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        output.member("answerCount", answerCount, first: true)
        output.member("adviceCount", adviceCount)
        output.member("stack", stack)
        output.member("position", position)
        output.append(UInt8(ascii: "}"))
    }
}

extension Need: JSONWritable {
    func write(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        output.member("flow", flow, first: true)
        output.member("words", words)
        output.append(UInt8(ascii: "}"))
    }
}

extension RouteReference: JSONWritable {
    func write(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        output.member("route", route, first: true)
        output.member("document", document)
        output.append(UInt8(ascii: "}"))
    }
}
