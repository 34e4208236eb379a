/// One word of a text, in folded form, with its position among the words of that text.
public struct Token: Equatable, Sendable {
    /// The folded word (lowercase, no diacritics, no apostrophes).
    public var text: String
    /// The word's position; the joined form of a hyphenated word shares the position of its first part.
    public var position: Int
    /// True for the joined form of a hyphenated word ("wmoloket" from "Wmo-loket").
    public var isJoined: Bool
    /// True when punctuation that ends a clause (. ! ? ; : , or a line break) stands between this word
    /// and the one before: context cues such as a negation do not reach across it.
    public var followsPunctuation: Bool

    public init(text: String, position: Int, isJoined: Bool = false, followsPunctuation: Bool = false) {
        self.text = text
        self.position = position
        self.isJoined = isJoined
        self.followsPunctuation = followsPunctuation
    }
}

/// Splits text into words the way Dutch care questions are written.
///
/// - Hyphenated words count as their parts and as one joined word, because people write
///   "Wmo-loket", "wmo loket" and "wmoloket" for the same desk.
/// - Apostrophes disappear inside a word ("'s avonds" → "s avonds", "auto's" → "autos").
/// - Phone numbers such as "0800-2000" stay one token, so a number can be found as written.
/// - A word is at most `maximumWordLength` letters: the rest of a longer run is skipped, so no
///   later step (stemming, decompounding, typo search, phrase matching) ever sees an unbounded word.
public enum Tokenizer {
    private static let hyphen = UInt8(ascii: "-"), apostrophe = UInt8(ascii: "'")

    /// The longest word kept, in letters, hyphens and apostrophes included. Dutch compounds in care
    /// questions stay under 40 letters ("arbeidsongeschiktheidsverzekering" has 33); a longer run is
    /// pasted data or an attack, and cutting it keeps every analysis step linear in the text.
    public static let maximumWordLength = 64

    /// The tokens of `text`, folded with `TextNormalizer`, in one pass over its Unicode scalars.
    /// Words are collected as UTF-8 bytes: turning bytes into a String is far cheaper than building
    /// it scalar by scalar, and this runs for every word of every indexed passage.
    public static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var position = 0
        var chunk: [UInt8] = []
        var length = 0
        var folded: [Unicode.Scalar] = []
        var punctuated = false
        for scalar in text.unicodeScalars {
            if TextNormalizer.isCombiningMark(scalar) { continue }
            if isJoiner(scalar) || isWordScalar(scalar) {
                length += 1
                guard length <= maximumWordLength else { continue }
                if isJoiner(scalar) {
                    chunk.append(isApostrophe(scalar) ? apostrophe : hyphen)
                } else {
                    folded.removeAll(keepingCapacity: true)
                    TextNormalizer.appendFolded(scalar, to: &folded)
                    for lower in folded { UTF8.encode(lower) { chunk.append($0) } }
                }
            } else {
                if !chunk.isEmpty {
                    emit(chunk, into: &tokens, position: &position, followsPunctuation: punctuated)
                    chunk.removeAll(keepingCapacity: true)
                    length = 0
                    punctuated = false
                }
                if isClauseMark(scalar) { punctuated = true }
            }
        }
        if !chunk.isEmpty { emit(chunk, into: &tokens, position: &position, followsPunctuation: punctuated) }
        return tokens
    }

    /// The folded words of `text`, split at everything that is not a letter or a digit (hyphens and
    /// apostrophes included): how answers such as "ja", "optie 2" or "sla over" are read. Words are cut
    /// at `maximumWordLength` letters, as in `tokenize`.
    public static func plainWords(_ text: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        var length = 0
        var folded: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if TextNormalizer.isCombiningMark(scalar) { continue }
            if isWordScalar(scalar) {
                length += 1
                guard length <= maximumWordLength else { continue }
                folded.removeAll(keepingCapacity: true)
                TextNormalizer.appendFolded(scalar, to: &folded)
                for lower in folded { UTF8.encode(lower) { word.append($0) } }
            } else if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
                length = 0
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// Turns a run of word bytes and joiners into tokens: one per part, plus the joined form.
    private static func emit(_ chunk: [UInt8], into tokens: inout [Token], position: inout Int, followsPunctuation: Bool) {
        let emitted = tokens.count
        defer { if tokens.count > emitted { tokens[emitted].followsPunctuation = followsPunctuation } }
        if !chunk.contains(where: { $0 == hyphen || $0 == apostrophe }) {
            tokens.append(Token(text: String(decoding: chunk, as: UTF8.self), position: position))
            position += 1
            return
        }
        let word = chunk.filter { $0 != apostrophe }
        guard let first = word.firstIndex(where: { $0 != hyphen }), let last = word.lastIndex(where: { $0 != hyphen }) else { return }
        let trimmed = word[first...last]
        if isPhoneNumber(trimmed) {
            tokens.append(Token(text: String(decoding: trimmed, as: UTF8.self), position: position))
            position += 1
            return
        }
        let parts = trimmed.split(separator: hyphen)
        let start = position
        for part in parts {
            tokens.append(Token(text: String(decoding: part, as: UTF8.self), position: position))
            position += 1
        }
        if parts.count > 1 {
            tokens.append(Token(text: String(decoding: parts.joined(), as: UTF8.self), position: start, isJoined: true))
        }
    }

    /// Digits in groups joined by hyphens: "0800-2000", "088-1234567".
    static func isPhoneNumber(_ word: String) -> Bool { isPhoneNumber(ArraySlice(word.utf8)) }

    private static func isPhoneNumber(_ word: ArraySlice<UInt8>) -> Bool {
        word.contains(hyphen) && word.allSatisfy { isDigit($0) || $0 == hyphen }
            && word.first.map(isDigit) == true && word.last.map(isDigit) == true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// Letters and digits of any script; ASCII is decided without a property look-up.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value | 0x20
            return (value >= 97 && value <= 122) || (scalar.value >= 48 && scalar.value <= 57)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Punctuation that closes a clause. A hyphen or apostrophe joins words, so it is not one.
    private static func isClauseMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", ";", ":", ",", "\n", "\r", "(", ")": true
        default: false
        }
    }

    private static func isJoiner(_ scalar: Unicode.Scalar) -> Bool { scalar == "-" || isApostrophe(scalar) }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "`"
    }
}
