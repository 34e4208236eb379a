/// One word of a text, in folded form, with its position among the words of that text.
public struct Token: Equatable, Sendable {
    /// The folded word (lowercase, no diacritics, no apostrophes).
    public var text: String
    /// The word's position; the joined form of a hyphenated word shares the position of its first part.
    public var position: Int
    /// True for the joined form of a hyphenated word ("wmoloket" from "Wmo-loket").
    public var isJoined: Bool

    public init(text: String, position: Int, isJoined: Bool = false) {
        self.text = text
        self.position = position
        self.isJoined = isJoined
    }
}

/// Splits text into words the way Dutch care questions are written.
///
/// - Hyphenated words count as their parts and as one joined word, because people write
///   "Wmo-loket", "wmo loket" and "wmoloket" for the same desk.
/// - Apostrophes disappear inside a word ("'s avonds" → "s avonds", "auto's" → "autos").
/// - Phone numbers such as "0800-2000" stay one token, so a number can be found as written.
public enum Tokenizer {
    /// The tokens of `text`, after folding it with `TextNormalizer`.
    public static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var position = 0
        for chunk in chunks(of: TextNormalizer.fold(text)) {
            emit(chunk, into: &tokens, position: &position)
        }
        return tokens
    }

    /// Maximal runs of letters, digits, hyphens and apostrophes.
    private static func chunks(of folded: String) -> [Substring] {
        folded.split { !isWordCharacter($0) && !isJoiner($0) }
    }

    private static func emit(_ chunk: Substring, into tokens: inout [Token], position: inout Int) {
        let trimmed = chunk.drop(while: isJoiner).reversed().drop(while: isJoiner).reversed()
        let word = String(trimmed.filter { !isApostrophe($0) })
        guard !word.isEmpty else { return }
        if isPhoneNumber(word) {
            tokens.append(Token(text: word, position: position))
            position += 1
            return
        }
        let parts = word.split(separator: "-").map(String.init)
        let first = position
        for part in parts {
            tokens.append(Token(text: part, position: position))
            position += 1
        }
        if parts.count > 1 {
            tokens.append(Token(text: parts.joined(), position: first, isJoined: true))
        }
    }

    /// Digits in groups joined by hyphens: "0800-2000", "088-1234567".
    static func isPhoneNumber(_ word: String) -> Bool {
        word.contains("-") && word.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }
            && word.first?.isNumber == true && word.last?.isNumber == true
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    private static func isJoiner(_ character: Character) -> Bool {
        character == "-" || isApostrophe(character)
    }

    private static func isApostrophe(_ character: Character) -> Bool {
        character == "'" || character == "’" || character == "‘" || character == "`"
    }
}
