/// The word forms of Dutch, each with its lemma: which words are real Dutch, and which dictionary
/// word a form belongs to ("mishandeld" → mishandelen, "sloeg" → slaan, "gezinnen" → gezin).
///
/// Built from OpenTaal's word list and Hunspell dictionary by `Knowledge/lexicon/generate.py`; see
/// the licence and attribution beside it. Two jobs depend on it: lemmas bring verb forms, plurals
/// and adjective forms to one stem before Snowball, which cannot ("slaat" → slat, "slaan" → slan),
/// and typo correction leaves every real word alone ("schelden" is not a typo of "schulden").
///
/// The table stays as the file's bytes, searched in place: half a million forms parsed into
/// strings would cost more start-up time than every other piece of content together.
public struct DutchLexicon: Sendable, Equatable {
    /// Sorted lines of `form` or `form<TAB>lemma`, each ending in a newline, as contiguous UTF-8:
    /// the bytes are searched in the string's own storage, without a copy.
    private let text: String

    private static let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t")

    /// A lexicon that knows no word: analysis then works as it did before lemmas (for tests and for
    /// knowledge directories without a lexicon).
    public static let empty = DutchLexicon(uncheckedBytes: [])

    /// A problem in the lexicon file.
    public struct ParseError: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    /// The lexicon of `text`, which must be sorted by UTF-8 bytes with one form per line.
    /// `checked` verifies the order and shape of every line: `validate` does, loading trusts the
    /// generated file and only checks that it ends in a newline.
    public init(_ text: String, checked: Bool = false) throws(ParseError) {
        var text = text
        if let last = text.utf8.last, last != Self.newline { text.append("\n") }
        text.makeContiguousUTF8()
        if checked { try Self.check(Array(text.utf8)) }
        self.text = text
        fingerprint = Self.fingerprint(of: text)
    }

    private init(uncheckedBytes: [UInt8]) {
        text = String(decoding: uncheckedBytes, as: UTF8.self)
        fingerprint = Self.fingerprint(of: text)
    }

    public var isEmpty: Bool { text.isEmpty }

    /// A hash of the whole table, eight bytes at a step: what a cache of anything derived from the
    /// lexicon keys on. Worked out once when the table is read (a millisecond for the bundled file),
    /// because each cached model's key asks for it.
    public let fingerprint: UInt64

    private static func fingerprint(of text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { StableHash.words(UnsafeRawBufferPointer($0), seed: 0) }
    }

    /// What the lexicon says of one form: that it is Dutch, and its lemma when that is another word.
    public struct Entry: Equatable, Sendable {
        /// Nil when the form is a lemma itself.
        public var lemma: String?
    }

    /// The entry of `folded`, or nil for a word the lexicon does not know: one search answers both
    /// questions analysis asks of a word.
    public func entry(of folded: String) -> Entry? {
        guard let line = find(folded) else { return nil }
        let formEnd = line.lowerBound + folded.utf8.count
        guard formEnd < line.upperBound else { return Entry(lemma: nil) }
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes[formEnd] == Self.tab
                ? Entry(lemma: String(decoding: UnsafeBufferPointer(rebasing: bytes[(formEnd + 1)..<line.upperBound]), as: UTF8.self))
                : Entry(lemma: nil)
        }
    }

    /// True when `folded` is a Dutch word form.
    public func contains(_ folded: String) -> Bool { find(folded) != nil }

    /// The lemma of `folded`, when it is a known form of another word; nil for a lemma itself and
    /// for an unknown word.
    public func lemma(of folded: String) -> String? { entry(of: folded)?.lemma }

    /// The line (without its newline) whose form is `folded`, by binary search over byte offsets.
    /// Every word of every text is looked up here, so the search reads the bytes without bounds checks;
    /// the file ends in a newline (see `init`), which stops every scan inside the buffer.
    private func find(_ folded: String) -> Range<Int>? {
        var key = folded
        return key.withUTF8 { key -> Range<Int>? in
            guard !key.isEmpty else { return nil }
            return text.utf8.withContiguousStorageIfAvailable { bytes -> Range<Int>? in
                var low = 0, high = bytes.count
                while low < high {
                    var start = (low + high) / 2
                    while start > 0 && bytes[start - 1] != Self.newline { start -= 1 }
                    var end = start
                    while bytes[end] != Self.newline { end += 1 }
                    switch Self.compareForm(bytes[start..<end], with: key) {
                    case .orderedAscending: low = end + 1
                    case .orderedDescending: high = start
                    case .orderedSame: return start..<end
                    }
                }
                return nil
            } ?? nil
        }
    }

    private enum Order { case orderedAscending, orderedSame, orderedDescending }

    /// How the form of `line` (up to its tab) sorts against `key`, byte by byte.
    private static func compareForm(_ line: Slice<UnsafeBufferPointer<UInt8>>, with key: UnsafeBufferPointer<UInt8>) -> Order {
        var index = line.startIndex, keyIndex = 0
        while index < line.endIndex && line[index] != tab && keyIndex < key.count {
            if line[index] != key[keyIndex] { return line[index] < key[keyIndex] ? .orderedAscending : .orderedDescending }
            index += 1
            keyIndex += 1
        }
        let formDone = index == line.endIndex || line[index] == tab
        if formDone && keyIndex == key.count { return .orderedSame }
        return formDone ? .orderedAscending : .orderedDescending
    }

    /// Every line has a form of lowercase letters, optionally a tab and a lemma, and the forms are
    /// strictly increasing: the binary search depends on both.
    private static func check(_ bytes: [UInt8]) throws(ParseError) {
        var previous: ArraySlice<UInt8> = []
        var line = 0, start = 0
        while start < bytes.count {
            line += 1
            var end = start
            while bytes[end] != newline { end += 1 }
            let fields = bytes[start..<end].split(separator: tab, omittingEmptySubsequences: false)
            guard fields.count <= 2, let form = fields.first, !form.isEmpty,
                  fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= 97 && $0 <= 122 } }) else {
                throw ParseError(line: line, message: "a lexicon line is a form of letters a-z, optionally a tab and its lemma")
            }
            guard line == 1 || previous.lexicographicallyPrecedes(form) else {
                throw ParseError(line: line, message: "the lexicon must be sorted by bytes without repeated forms (run Knowledge/lexicon/generate.py)")
            }
            previous = form
            start = end + 1
        }
    }
}
