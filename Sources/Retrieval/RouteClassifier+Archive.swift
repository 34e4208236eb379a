import DutchText

/// A trained route classifier as bytes, so a command that starts often (`ask`, `chat`) can skip
/// training when nothing it depends on has changed.
///
/// The archive is a cache, never content: it carries the key of everything training read (see
/// `trainingKey`) and a checksum, and any mismatch, damage or unknown version makes the caller
/// train again. Training stays deterministic, so a model from an archive answers exactly as the
/// model trained in its place.
extension RouteClassifier {
    /// Why bytes are not a usable archive. The caller trains instead; the reason is for tests and
    /// for `--explain`-style diagnostics.
    public enum ArchiveError: Error, Equatable, Sendable {
        case notAnArchive
        case otherKey
        case damaged
    }

    private static let magic: [UInt8] = Array("RWCLASS4".utf8)

    /// A number that changes whenever the examples, the tables that shape their analysis, the
    /// training settings or `salt` (the caller's program build) change.
    public static func trainingKey(examples: [IntentExample], tables: TermTables, settings: Settings, salt: UInt64) -> UInt64 {
        // Every input, each followed by a zero byte, hashed eight bytes at a step: thousands of examples
        // are keyed at every start.
        var bytes = magic
        func add(_ text: String) { bytes += text.utf8; bytes.append(0) }
        for example in examples { add(example.route); add(example.text) }
        for (word, stem) in tables.stemOverrides.sorted(by: { $0.key < $1.key }) { add(word); add(stem) }
        for rule in tables.cues { add(rule.kind.rawValue); add(rule.scope.rawValue); add(rule.trigger) }
        add("\(settings.epochs) \(settings.learningRate) \(settings.l2) \(settings.seed) \(settings.minimumExamplesPerFeature) \(settings.phrases)")
        return bytes.withUnsafeBytes { StableHash.words($0, seed: salt) } ^ tables.lexicon.fingerprint
    }

    /// The model as bytes, stamped with `key`.
    public func archived(key: UInt64) -> [UInt8] {
        var payload = ByteWriter()
        payload.append(UInt32(routes.count))
        for route in routes { payload.append(route) }
        payload.append(UInt32(model.classes))
        payload.append(UInt32(model.lanes))
        payload.append(UInt32(phrases ? 1 : 0))
        payload.append(columns.keysByID)
        payload.append(model.weights.flatMap { vector in (0..<Model.width).map { vector[$0] } })
        payload.append(model.bias.flatMap { vector in (0..<Model.width).map { vector[$0] } })
        var archive = ByteWriter()
        archive.bytes = Self.magic
        archive.append(key)
        archive.append(payload.bytes.withUnsafeBytes { StableHash.words($0, seed: 0) })
        return archive.bytes + payload.bytes
    }

    /// The model in `archive`, which must carry `key`.
    public init(archive: [UInt8], key: UInt64) throws(ArchiveError) {
        var reader = ByteReader(archive)
        guard reader.take(Self.magic.count) == Self.magic[...] else { throw .notAnArchive }
        guard reader.uint64() == key else { throw .otherKey }
        guard let checksum = reader.uint64(), checksum == archive[reader.offset...].withUnsafeBytes({ StableHash.words($0, seed: 0) }),
              let routeCount = reader.uint32(), routeCount <= 4096 else { throw .damaged }
        var routes: [String] = []
        for _ in 0..<routeCount {
            guard let route = reader.string() else { throw .damaged }
            routes.append(route)
        }
        guard let classes = reader.uint32().map(Int.init), classes == routes.count,
              let lanes = reader.uint32().map(Int.init), lanes == (classes + Model.width - 1) / Model.width,
              let phrases = reader.uint32(), phrases <= 1,
              let keys = reader.uint64s(),
              let weights = reader.floats(), weights.count == keys.count * lanes * Model.width,
              let bias = reader.floats(), bias.count == lanes * Model.width, reader.isAtEnd else { throw .damaged }
        var columns = FeatureIDs(capacity: keys.count)
        for key in keys { _ = columns.insert(key) }
        guard columns.count == keys.count else { throw .damaged }
        func vectors(_ floats: [Float]) -> [SIMD8<Float>] {
            floats.withUnsafeBytes { raw in
                (0..<(floats.count / Model.width)).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<SIMD8<Float>>.size, as: SIMD8<Float>.self) }
            }
        }
        self.init(routes: routes, columns: columns, model: Model(weights: vectors(weights), bias: vectors(bias), classes: classes),
                  phrases: phrases == 1)
    }
}

/// Little-endian numbers and length-prefixed arrays, appended to bytes.
private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append<Number: FixedWidthInteger>(_ number: Number) {
        withUnsafeBytes(of: number.littleEndian) { bytes += $0 }
    }

    mutating func append(_ text: String) {
        append(UInt32(text.utf8.count))
        bytes += text.utf8
    }

    mutating func append(_ numbers: [UInt64]) {
        append(UInt32(numbers.count))
        for number in numbers { append(number) }
    }

    mutating func append(_ numbers: [Float]) {
        append(UInt32(numbers.count))
        for number in numbers { append(number.bitPattern) }
    }
}

/// Reads what `ByteWriter` wrote; every read checks that the bytes are there, so a cut or damaged
/// archive gives nil instead of a crash.
private struct ByteReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    private mutating func number<Number: FixedWidthInteger>(_: Number.Type) -> Number? {
        guard let slice = take(MemoryLayout<Number>.size) else { return nil }
        return slice.reversed().reduce(0) { $0 << 8 | Number($1) }
    }

    mutating func uint32() -> UInt32? { number(UInt32.self) }
    mutating func uint64() -> UInt64? { number(UInt64.self) }

    mutating func string() -> String? {
        guard let count = uint32(), let slice = take(Int(count)) else { return nil }
        return String(validating: slice, as: UTF8.self)
    }

    mutating func uint64s() -> [UInt64]? {
        guard let count = uint32().map(Int.init), let slice = take(count * 8) else { return nil }
        return Self.littleEndian(slice, as: UInt64.self)
    }

    mutating func floats() -> [Float]? {
        guard let count = uint32().map(Int.init), let slice = take(count * 4) else { return nil }
        return Self.littleEndian(slice, as: UInt32.self).map(Float.init(bitPattern:))
    }

    /// Whole numbers stored little-endian, read in one pass: a model holds hundreds of thousands.
    private static func littleEndian<Number: FixedWidthInteger>(_ slice: ArraySlice<UInt8>, as: Number.Type) -> [Number] {
        let size = MemoryLayout<Number>.size
        return slice.withUnsafeBytes { raw in
            (0..<(raw.count / size)).map { Number(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * size, as: Number.self)) }
        }
    }
}
