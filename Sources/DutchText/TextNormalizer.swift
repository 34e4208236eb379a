/// Brings text to the one form that indexing and querying compare: lowercase, without diacritics.
///
/// Clients type "client" for "cliënt" and "een" for "één", and text may arrive composed (NFC) or
/// decomposed (NFD). Folding every Latin letter to its base letter and dropping combining marks makes
/// both forms, and both spellings, meet in one key. The result is in NFC by construction, because no
/// combining mark survives.
public enum TextNormalizer {
    /// Lowercases `text` and folds Latin diacritics to their base letters.
    public static func fold(_ text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { appendFolded(scalar, to: &scalars) }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Appends the folded form of one scalar (none for a combining mark, two for "æ").
    /// ASCII takes a fast path: it is nearly all of the text this product sees.
    public static func appendFolded(_ scalar: Unicode.Scalar, to output: inout [Unicode.Scalar]) {
        if scalar.isASCII {
            let value = scalar.value
            output.append(value >= 65 && value <= 90 ? Unicode.Scalar(UInt8(value + 32)) : scalar)
            return
        }
        for lower in scalar.properties.lowercaseMapping.unicodeScalars where !isCombiningMark(lower) {
            if let base = latinBase[lower.value] { output.append(contentsOf: base) } else { output.append(lower) }
        }
    }

    /// Combining diacritical marks (U+0300–U+036F): what NFD input leaves after a base letter.
    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        (0x300...0x36F).contains(scalar.value)
    }

    /// Lowercase Latin-1 and Latin Extended-A letters with a diacritic, mapped to their base letters.
    private static let latinBase: [UInt32: [Unicode.Scalar]] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"),
            ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"),
            ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("ŕŗř", "r"),
            ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"),
            ("źżž", "z"), ("æ", "ae"), ("œ", "oe"), ("ß", "ss"),
        ]
        var table: [UInt32: [Unicode.Scalar]] = [:]
        for (letters, base) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = Array(base.unicodeScalars) }
        }
        return table
    }()
}
