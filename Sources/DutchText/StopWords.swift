/// The Snowball Dutch stop-word list, folded, and the negations that must stay visible.
///
/// Stop words carry no weight in ranking, but the analyzer still reports them so that a caller
/// (the dialogue engine, the `analyze` command) can see every word. Negations are stop words for
/// ranking too, yet "geen hulp" and "hulp" mean different things to a dialogue, so they are flagged.
public enum StopWords {
    /// True when `folded` is on the Snowball Dutch stop-word list (after diacritic folding).
    public static func contains(_ folded: String) -> Bool { words.contains(folded) }

    /// True for the words that turn a statement around: niet, geen, zonder (and a few close kin).
    public static func isNegation(_ folded: String) -> Bool { negations.contains(folded) }

    private static let negations: Set<String> = ["niet", "geen", "zonder", "nooit", "niets", "niemand"]

    static let words: Set<String> = [
        "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is",
        "was", "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou", "of",
        "wat", "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot", "je",
        "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft", "hebben", "deze", "u",
        "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets", "worden", "toch", "al",
        "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder", "kan", "hun", "dus", "alles",
        "onder", "ja", "eens", "hier", "wie", "werd", "altijd", "doch", "wordt", "wezen", "kunnen",
        "ons", "zelf", "tegen", "na", "reeds", "wil", "kon", "niets", "uw", "iemand", "geweest",
        "andere",
    ]
}
