/// Brings text to the one form that indexing and querying compare: lowercase, without diacritics.
///
/// Clients type "client" for "cliënt" and "een" for "één", and text may arrive composed (NFC) or
/// decomposed (NFD). Folding every Latin letter to its base letter and dropping combining marks makes
/// both forms, and both spellings, meet in one key. The result is in NFC by construction, because no
/// combining mark survives.
public enum TextNormalizer {
    /// Lowercases `text` and folds Latin diacritics to their base letters.
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if isCombiningMark(scalar) { continue }
            if let base = latinBase[scalar.value] {
                scalars.append(contentsOf: base.unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Combining diacritical marks (U+0300–U+036F): what NFD input leaves after a base letter.
    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        (0x300...0x36F).contains(scalar.value)
    }

    /// Lowercase Latin-1 and Latin Extended-A letters with a diacritic, mapped to their base letters.
    private static let latinBase: [UInt32: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"),
            ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"),
            ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("ŕŗř", "r"),
            ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"),
            ("źżž", "z"), ("æ", "ae"), ("œ", "oe"), ("ß", "ss"),
        ]
        var table: [UInt32: String] = [:]
        for (letters, base) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = base }
        }
        return table
    }()
}
