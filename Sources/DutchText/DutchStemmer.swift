/// The Snowball Dutch stemmer: Porter's algorithm, Snowball's `dutch_porter`.
///
/// Words are handled as arrays of Unicode scalars; `Y` and `I` (uppercase) mark a consonant y or i
/// between vowels for the length of the algorithm, as Snowball does, so that the vowel tests skip them.
public enum DutchStemmer {
    /// Returns the stem of one lowercase word.
    public static func stem(_ word: String) -> String {
        var word = Word(word)
        word.removeAccents()
        word.markConsonants()
        word.markRegions()
        word.removeStandardSuffixes()
        return word.text
    }
}

private struct Word {
    var letters: [Unicode.Scalar]
    /// Start of R1 and R2 (Porter's regions), as indices into `letters`.
    var r1 = 0, r2 = 0

    init(_ text: String) { letters = Array(text.unicodeScalars) }

    /// The letters with the consonant marks undone, encoded once as UTF-8.
    var text: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(letters.count)
        for letter in letters {
            UTF8.encode(letter == "Y" ? "y" : letter == "I" ? "i" : letter) { bytes.append($0) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func isVowel(_ letter: Unicode.Scalar) -> Bool {
        switch letter {
        case "a", "e", "i", "o", "u", "y", "è": true
        default: false
        }
    }

    /// ä á → a, ë é → e, ï í → i, ö ó → o, ü ú → u; other accents (è, à) stay.
    mutating func removeAccents() {
        for index in letters.indices where letters[index].value > 0x7F {
            if let base = Self.unaccented[letters[index]] { letters[index] = base }
        }
    }

    private static let unaccented: [Unicode.Scalar: Unicode.Scalar] = [
        "ä": "a", "á": "a", "ë": "e", "é": "e", "ï": "i", "í": "i", "ö": "o", "ó": "o", "ü": "u", "ú": "u",
    ]

    /// An initial y, a y after a vowel, and an i between vowels are consonants: mark them Y and I.
    mutating func markConsonants() {
        if letters.first == "y" { letters[0] = "Y" }
        var index = 0
        while index + 1 < letters.count {
            if Self.isVowel(letters[index]) {
                if letters[index + 1] == "i", index + 2 < letters.count, Self.isVowel(letters[index + 2]) {
                    letters[index + 1] = "I"
                    index += 3
                    continue
                }
                if letters[index + 1] == "y" {
                    letters[index + 1] = "Y"
                    index += 2
                    continue
                }
            }
            index += 1
        }
    }

    /// R1 starts after the first non-vowel that follows a vowel (at least at 3); R2 likewise after R1's.
    mutating func markRegions() {
        r1 = letters.count
        r2 = letters.count
        guard let first = positionAfterVowelThenConsonant(from: 0) else { return }
        r1 = max(first, 3)
        r2 = positionAfterVowelThenConsonant(from: first) ?? letters.count
    }

    private func positionAfterVowelThenConsonant(from start: Int) -> Int? {
        guard let vowel = letters[start...].firstIndex(where: Self.isVowel),
              let consonant = letters[(vowel + 1)...].firstIndex(where: { !Self.isVowel($0) }) else { return nil }
        return consonant + 1
    }

    // MARK: Suffixes

    /// Whether the letters before index `end` (default: all) end with `suffix`; compares in place.
    func ends(with suffix: String, before end: Int? = nil) -> Bool {
        var index = end ?? letters.count
        for scalar in suffix.unicodeScalars.reversed() {
            index -= 1
            if index < 0 || letters[index] != scalar { return false }
        }
        return true
    }

    /// The letter just before index `start`, if any.
    func letter(before start: Int) -> Unicode.Scalar? { start > 0 ? letters[start - 1] : nil }

    /// kk, dd, tt at the end lose one letter.
    mutating func undouble() {
        if ends(with: "kk") || ends(with: "dd") || ends(with: "tt") { letters.removeLast() }
    }

    /// Removes a final e in R1 after a non-vowel. Returns whether it did (Snowball's e_found).
    mutating func removeEEnding() -> Bool {
        let start = letters.count - 1
        guard ends(with: "e"), start >= r1, let before = letter(before: start), !Self.isVowel(before) else { return false }
        letters.removeLast()
        undouble()
        return true
    }

    /// Removes a suffix -en/-ene in R1 after a non-vowel, unless the stem ends in "gem".
    mutating func removeENEnding(length: Int) {
        let start = letters.count - length
        guard start >= r1, let before = letter(before: start), !Self.isVowel(before),
              !ends(with: "gem", before: start) else { return }
        letters.removeLast(length)
        undouble()
    }

    mutating func removeStandardSuffixes() {
        step1()
        let eFound = removeEEnding()
        step3a()
        step3b(eFound: eFound)
        step4()
    }

    /// -heden → -heid; -en, -ene; -s, -se.
    mutating func step1() {
        guard let suffix = ["heden", "ene", "en", "se", "s"].first(where: { ends(with: $0) }) else { return }
        let start = letters.count - suffix.unicodeScalars.count
        switch suffix {
        case "heden":
            if start >= r1 { letters.replaceSubrange(start..., with: "heid".unicodeScalars) }
        case "ene", "en":
            removeENEnding(length: suffix.unicodeScalars.count)
        default:
            if start >= r1, let before = letter(before: start), !Self.isVowel(before), before != "j" {
                letters.removeLast(suffix.unicodeScalars.count)
            }
        }
    }

    /// -heid in R2, not after c; then an -en before it.
    mutating func step3a() {
        let start = letters.count - 4
        guard ends(with: "heid"), start >= r2, letter(before: start) != "c" else { return }
        letters.removeLast(4)
        if ends(with: "en") { removeENEnding(length: 2) }
    }

    /// -end, -ing, -ig, -lijk, -baar, -bar in R2.
    mutating func step3b(eFound: Bool) {
        guard let suffix = ["baar", "lijk", "end", "ing", "bar", "ig"].first(where: { ends(with: $0) }) else { return }
        let length = suffix.unicodeScalars.count
        let start = letters.count - length
        guard start >= r2 else { return }
        switch suffix {
        case "end", "ing":
            letters.removeLast(length)
            let igStart = letters.count - 2
            if ends(with: "ig"), igStart >= r2, letter(before: igStart) != "e" {
                letters.removeLast(2)
            } else {
                undouble()
            }
        case "ig":
            if letter(before: start) != "e" { letters.removeLast(length) }
        case "lijk":
            letters.removeLast(length)
            _ = removeEEnding()
        case "baar":
            letters.removeLast(length)
        default:
            if eFound { letters.removeLast(length) }
        }
    }

    /// A double vowel before a final consonant, after a non-vowel, loses one letter: "maan" → "man".
    mutating func step4() {
        let n = letters.count
        guard n >= 4 else { return }
        let last = letters[n - 1], vowel = letters[n - 2]
        guard !Self.isVowel(last), last != "I", "aeou".unicodeScalars.contains(vowel),
              letters[n - 3] == vowel, !Self.isVowel(letters[n - 4]) else { return }
        letters.remove(at: n - 2)
    }
}
