@testable import Retrieval

/// Small knowledge content written inline, so retrieval tests state exactly what they index.
enum Fixtures {
    static let routes = SourceFile(path: "routes.tsv", text: """
        # id\tnaam\tkaart
        wmo-gemeente\tWmo-loket van de gemeente\thuishouden
        mantelzorg\tMantelzorgondersteuning\trespijtzorg
        huisartsenpost\tHuisartsenpost\thuisartsenpost
        """)

    static func document(id: String, folder: String = "gemeente", route: String = "wmo-gemeente",
                         title: String = "Hulp bij het huishouden", summary: String = "De gemeente helpt als schoonmaken niet meer lukt.",
                         keywords: String = "schoonmaken, poetsen", body: String = "## Voor wie\nVoor mensen die hun huis niet schoon krijgen.\n",
                         extra: String = "") -> SourceFile {
        SourceFile(path: "\(folder)/\(id).md", text: """
            ---
            id: \(id)
            title: \(title)
            route: \(route)
            summary: \(summary)
            keywords: \(keywords)
            contact: Via uw gemeente.
            prepare:
              - uw BSN
            sources:
              - https://www.rijksoverheid.nl/onderwerpen/zorg-en-ondersteuning-thuis
            checked: 2026-11-22
            \(extra)---

            \(body)
            """)
    }

    /// Three documents on three routes.
    static var files: [SourceFile] {
        [
            routes,
            document(id: "huishouden"),
            document(id: "respijtzorg", folder: "samen", route: "mantelzorg", title: "Even vrij van de zorg",
                     summary: "Respijtzorg neemt de zorg even van u over.", keywords: "mantelzorger, logeeropvang, overbelast",
                     body: "## Waarvoor\nAls u voor een naaste zorgt en zelf rust nodig heeft.\n\n## Wat kost het\nVaak betaalt de gemeente een deel.\n"),
            document(id: "huisartsenpost", folder: "gezondheid", route: "huisartsenpost", title: "Huisartsenpost",
                     summary: "Voor dringende zorg in de avond, de nacht en het weekend.", keywords: "dokter, spoed, koorts",
                     body: "## Voor wie\nVoor wie 's avonds of in het weekend dringend een arts nodig heeft.\n"),
        ]
    }

    static var base: KnowledgeBase { KnowledgeBase.parse(files).base }
}
