/// A session's state in a compact binary form, for the journal, which writes the whole state on
/// every turn and wipes every record of a conversation when it ends.
///
/// As JSON a state is mostly key names and the same few flow and step names again and again
/// ("intake", "begin" in every answer and every undo step): about 1 KB after a few answers. Here each
/// distinct string is written once, in a table, and referred to by its number, and numbers are
/// varints: the same state takes about a sixth of that, so a turn writes, checksums, wipes and
/// compacts a sixth of the bytes.
///
/// Layout: a version byte (1); the string table (a count, then each string as length and UTF-8
/// bytes); then every field of `SessionState` in declaration order of `json`. Integers are LEB128
/// varints (signed ones zigzag-encoded), a Bool is one byte, an optional is a byte 0 or 1 followed by
/// its value, an array is a count followed by its elements, a string is its number in the table.
/// Reading checks every count and number against the bytes that remain, so damaged bytes give nil,
/// never a crash or a huge allocation.
extension SessionState {
    static let compactVersion: UInt8 = 1

    /// The state in the compact form.
    public var compact: [UInt8] {
        var writer = CompactWriter()
        writer.unsigned(seed)
        writer.signed(startedAt)
        writer.signed(lastActive)
        writer.bool(ended)
        writer.optional(position) { $0.position($1) }
        writer.array(stack) { $0.position($1) }
        writer.array(answers) { writer, answer in
            writer.string(answer.flow)
            writer.string(answer.step)
            writer.string(answer.key)
            writer.string(answer.value)
        }
        writer.array(advice) { $0.reference($1) }
        writer.array(undo) { writer, undo in
            writer.optional(undo.position) { $0.position($1) }
            writer.array(undo.stack) { $0.position($1) }
            writer.signed(Int64(undo.answerCount))
            writer.signed(Int64(undo.adviceCount))
        }
        writer.signed(Int64(attempts))
        writer.bool(digressed)
        writer.signed(Int64(misses))
        writer.bool(followsStory)
        writer.optional(clarifying) { writer, routes in writer.array(routes) { $0.string($1) } }
        writer.optional(needs) { writer, needs in writer.array(needs) { $0.need($1) } }
        writer.optional(offered) { $0.need($1) }
        writer.optional(crisisCards) { writer, cards in writer.array(cards) { $0.reference($1) } }
        writer.optional(storyPart) { $0.string($1) }
        writer.optional(latestAdvice) { $0.signed(Int64($1)) }
        writer.optional(people) { writer, routes in writer.array(routes) { $0.string($1) } }
        writer.optional(gemeente) { $0.string($1) }
        return writer.bytes(version: Self.compactVersion)
    }

    /// The state written by `compact`; nil when the bytes are not one whole state of a known version.
    public init?(compact bytes: ArraySlice<UInt8>) {
        var reader = CompactReader(bytes)
        guard reader.byte() == Self.compactVersion, reader.readTable(),
              let seed = reader.unsigned(), let startedAt = reader.signed(), let lastActive = reader.signed(),
              let ended = reader.bool() else { return nil }
        self.init(seed: seed, now: startedAt)
        self.lastActive = lastActive
        self.ended = ended
        guard let position = reader.optional({ $0.position() }),
              let stack = reader.array({ $0.position() }),
              let answers = reader.array({ reader -> Answer? in
                  guard let flow = reader.string(), let step = reader.string(), let key = reader.string(),
                        let value = reader.string() else { return nil }
                  return Answer(flow: flow, step: step, key: key, value: value)
              }),
              let advice = reader.array({ $0.reference() }),
              let undo = reader.array({ reader -> Undo? in
                  guard let position = reader.optional({ $0.position() }), let stack = reader.array({ $0.position() }),
                        let answerCount = reader.integer(), let adviceCount = reader.integer() else { return nil }
                  return Undo(position: position, stack: stack, answerCount: answerCount, adviceCount: adviceCount)
              }),
              let attempts = reader.integer(), let digressed = reader.bool(), let misses = reader.integer(),
              let followsStory = reader.bool(),
              let clarifying = reader.optional({ reader in reader.array { $0.string() } }),
              let needs = reader.optional({ reader in reader.array { $0.need() } }),
              let offered = reader.optional({ $0.need() }),
              let crisisCards = reader.optional({ reader in reader.array { $0.reference() } }),
              let storyPart = reader.optional({ $0.string() }),
              let latestAdvice = reader.optional({ $0.integer() }),
              let people = reader.optional({ reader in reader.array { $0.string() } }),
              let gemeente = reader.optional({ $0.string() }),
              reader.isAtEnd else { return nil }
        (self.position, self.stack, self.answers, self.advice, self.undo) = (position, stack, answers, advice, undo)
        (self.attempts, self.digressed, self.misses, self.followsStory) = (attempts, digressed, misses, followsStory)
        (self.clarifying, self.needs, self.offered, self.crisisCards) = (clarifying, needs, offered, crisisCards)
        (self.storyPart, self.latestAdvice, self.people, self.gemeente) = (storyPart, latestAdvice, people, gemeente)
    }
}

/// Writes the fields of a state, collecting its distinct strings into a table as it goes.
private struct CompactWriter {
    private var body: [UInt8] = []
    private var numbers: [String: Int] = [:]
    private var table: [String] = []

    init() { body.reserveCapacity(256) }

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            body.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        body.append(UInt8(value))
    }

    /// Zigzag: small negative numbers stay small.
    mutating func signed(_ value: Int64) {
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func bool(_ value: Bool) { body.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        if let number = numbers[value] { return unsigned(UInt64(number)) }
        numbers[value] = table.count
        unsigned(UInt64(table.count))
        table.append(value)
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout CompactWriter, Value) -> Void) {
        guard let value else { return bool(false) }
        bool(true)
        write(&self, value)
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout CompactWriter, Element) -> Void) {
        unsigned(UInt64(elements.count))
        for element in elements { write(&self, element) }
    }

    mutating func position(_ position: SessionState.Position) {
        string(position.flow)
        string(position.step)
    }

    mutating func reference(_ reference: RouteReference) {
        string(reference.route)
        optional(reference.document) { $0.string($1) }
    }

    mutating func need(_ need: Need) {
        string(need.flow)
        string(need.words)
    }

    /// The version, the table, then the fields.
    func bytes(version: UInt8) -> [UInt8] {
        var head = CompactWriter()
        head.unsigned(UInt64(table.count))
        for text in table {
            head.unsigned(UInt64(text.utf8.count))
            head.body += text.utf8
        }
        return [version] + head.body + body
    }
}

/// Reads what `CompactWriter` wrote; every read checks that its bytes are there.
private struct CompactReader {
    private let bytes: ArraySlice<UInt8>
    private var offset: Int
    private var table: [String] = []

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    var isAtEnd: Bool { offset == bytes.endIndex }
    private var remaining: Int { bytes.endIndex - offset }

    mutating func byte() -> UInt8? {
        guard offset < bytes.endIndex else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func unsigned() -> UInt64? {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            guard let byte = byte() else { return nil }
            value |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte < 0x80 { return value }
        }
        return nil
    }

    mutating func signed() -> Int64? {
        unsigned().map { Int64(bitPattern: ($0 >> 1) ^ (0 &- ($0 & 1))) }
    }

    mutating func integer() -> Int? { signed().map(Int.init) }

    mutating func bool() -> Bool? {
        switch byte() {
        case 0: false
        case 1: true
        default: nil
        }
    }

    /// A count of things that take at least a byte each: never more than the bytes that remain.
    private mutating func boundedCount() -> Int? {
        guard let count = unsigned(), count <= UInt64(remaining) else { return nil }
        return Int(count)
    }

    mutating func readTable() -> Bool {
        guard let count = boundedCount() else { return false }
        table.reserveCapacity(count)
        for _ in 0..<count {
            guard let length = boundedCount(), let text = String(validating: bytes[offset..<(offset + length)], as: UTF8.self) else { return false }
            offset += length
            table.append(text)
        }
        return true
    }

    mutating func string() -> String? {
        guard let number = unsigned(), number < UInt64(table.count) else { return nil }
        return table[Int(number)]
    }

    /// `.some(nil)` for an absent value, nil when the bytes are damaged.
    mutating func optional<Value>(_ read: (inout CompactReader) -> Value?) -> Value?? {
        switch bool() {
        case false: return .some(nil)
        case true: return read(&self).map { .some($0) }
        case nil: return nil
        }
    }

    mutating func array<Element>(_ read: (inout CompactReader) -> Element?) -> [Element]? {
        guard let count = boundedCount() else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            guard let element = read(&self) else { return nil }
            elements.append(element)
        }
        return elements
    }

    mutating func position() -> SessionState.Position? {
        guard let flow = string(), let step = string() else { return nil }
        return SessionState.Position(flow: flow, step: step)
    }

    mutating func reference() -> RouteReference? {
        guard let route = string(), let document = optional({ $0.string() }) else { return nil }
        return RouteReference(route: route, document: document)
    }

    mutating func need() -> Need? {
        guard let flow = string(), let words = string() else { return nil }
        return Need(flow: flow, words: words)
    }
}
