/// Dutch numbers written as words, as people type an age: "zeventien", "eenentwintig",
/// "vierentachtig", "honderdtwee". Words are folded (`Tokenizer.plainWords`), so "drieëntwintig"
/// arrives as "drieentwintig".
public enum NumberWords {
    /// The value of `word`, from 0 to 199, or nil when it is not a number word.
    public static func value(_ word: String) -> Int? {
        if let small = units[word] ?? teens[word] ?? tens[word] { return small }
        if word.hasPrefix("honderd") {
            let rest = String(word.dropFirst("honderd".count)).trimmingPrefix("en")
            if rest.isEmpty { return 100 }
            return value(String(rest)).flatMap { $0 < 100 ? 100 + $0 : nil }
        }
        // "eenentwintig": a unit, "en", and a ten.
        for (unit, number) in units where number > 0 && word.hasPrefix(unit + "en") {
            if let ten = tens[String(word.dropFirst(unit.count + 2))] { return ten + number }
        }
        return nil
    }

    private static let units: [String: Int] = [
        "nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    ]
    private static let teens: [String: Int] = [
        "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17,
        "achttien": 18, "negentien": 19,
    ]
    private static let tens: [String: Int] = [
        "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
    ]
}

private extension String {
    func trimmingPrefix(_ prefix: String) -> Substring {
        hasPrefix(prefix) ? dropFirst(prefix.count) : Substring(self)
    }
}
