import Foundation
import Testing

/// End-to-end: the built binary against small knowledge directories made by the test.
@Suite("routewijzer command line")
struct CLITests {
    static let document = """
        ---
        id: huisartsenpost
        title: Huisartsenpost
        route: huisartsenpost
        summary: Voor dringende zorg in de avond, de nacht en het weekend.
        keywords: dokter, spoed, koorts
        contact: Bel de huisartsenpost in uw regio.
        prepare:
          - uw medicijnen
        sources:
          - https://www.thuisarts.nl
        checked: 2026-11-22
        ---

        ## Voor wie
        Voor wie 's avonds dringend een arts nodig heeft.
        """

    static let files = ["routes.tsv": "huisartsenpost\tHuisartsenpost\thuisartsenpost\n", "gezondheid/huisartsenpost.md": document]

    static let intake = """
        ---
        id: intake
        title: Intake
        ---
        ## begin
        say: Welkom bij de test.
        ask: Waar zoekt u hulp bij?
        expect: open
        save: vraag
        goto: avond
        else: avond

        ## avond
        ask: Is het avond of weekend?
        expect: yesno
        goto: post

        ## post
        end: huisartsenpost
        """

    static let dialogs = ["intake.md": intake].merging(CommandRunner.languageFiles) { $1 }

    @Test("64 KB of one word is answered by ask and chat like any unknown word")
    func oneLongWord() throws {
        let word = String(repeating: "zorg", count: 16_384)
        let ask = try CommandRunner.run(["ask", "--json", word])
        #expect(ask.status == 0 && ask.stdout.hasPrefix("{"))
        let chat = try CommandRunner.run(["chat", "--json"], input: word + "\nstop\n")
        #expect(chat.status == 0 && chat.stdout.split(separator: "\n").count == 2)
    }

    @Test("48 KB of short clauses full of negations and crisis words is read once, in a time linear in its length")
    func manyClauses() throws {
        // Each clause has a boundary, a negation and a signal: cue matching, negation scopes, clauses and
        // signals all grow with such a text, and none may grow with its square (ask took 1.2 s before).
        let text = Array(repeating: "ik wil niet meer leven maar mijn man slaat me niet", count: 1_000).joined(separator: ". ")
        let ask = try CommandRunner.run(["ask", "--json", text])
        #expect(ask.status == 0 && ask.stdout.contains(#""outcome":"alarm""#))
    }

    @Test("ask shows the crisis card before the routes, and analyze --safety shows why")
    func crisisCardFirst() throws {
        let ask = try CommandRunner.run(["ask", "ik ben gisteravond verkracht"])
        let card = try #require(ask.stdout.range(of: "!! Veiligheid eerst"))
        let routes = try #require(ask.stdout.range(of: "\n1. "))
        #expect(card.lowerBound < routes.lowerBound && ask.stdout.contains("0800-0188"))
        let analyze = try CommandRunner.run(["analyze", "--safety"], input: "vorig jaar heeft mijn ex me geslagen\n")
        #expect(analyze.stdout.contains("veiligheid: check (partnergeweld)"))
        #expect(analyze.stdout.contains(#"partnergeweld: signal "slaan me" [verleden] → check"#))
    }

    @Test("ask --json prints one object with the contract's fields")
    func askJSON() throws {
        let directory = try CommandRunner.knowledgeDirectory(Self.files)
        defer { CommandRunner.remove(directory) }
        let output = try CommandRunner.run(["ask", "--json", "--knowledge", directory.path, "koorts in het weekend"])
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "koorts in het weekend")
        let first = try #require((object["results"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["id", "route", "title", "section", "score", "intent", "route_score", "snippet", "contact", "overlay"])
        #expect(object["gemeente"] is NSNull && first["overlay"] is NSNull)
        #expect(first["route"] as? String == "huisartsenpost")
        #expect(first["contact"] as? String == "Bel de huisartsenpost in uw regio.")
        #expect(first["section"] is NSNull)
        #expect(output.stdout.hasPrefix(#"{"query":"#))
    }

    @Test("ask answers in Dutch with the contact, what to bring and the sources")
    func askReadable() throws {
        let directory = try CommandRunner.knowledgeDirectory(Self.files)
        defer { CommandRunner.remove(directory) }
        let output = try CommandRunner.run(["ask", "--knowledge", directory.path, "--explain", "hoge koorts"])
        #expect(output.status == 0)
        for expected in ["1. Huisartsenpost", "Contact: Bel de huisartsenpost in uw regio.", "Neem mee: uw medicijnen",
                         "Bronnen: https://www.thuisarts.nl", "matched: koort"] {
            #expect(output.stdout.contains(expected), "missing \(expected)")
        }
    }

    @Test("ask --batch - answers each line of standard input in order, empty lines included")
    func batch() throws {
        let directory = try CommandRunner.knowledgeDirectory(Self.files)
        defer { CommandRunner.remove(directory) }
        let output = try CommandRunner.run(["ask", "--json", "--batch", "-", "--knowledge", directory.path], input: "koorts\n\nspoed dokter\n")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == #"{"query":"","gemeente":null,"safety":{"outcome":"none","categories":[]},"results":[]}"#)
        #expect(lines[2].hasPrefix(#"{"query":"spoed dokter","gemeente":null,"safety":{"outcome":"none","categories":[]},"results":[{"id":"huisartsenpost""#))
    }

    @Test("an empty question is a usage error with exit code 2", arguments: [[], [""], ["  "]])
    func emptyQuestion(question: [String]) throws {
        let output = try CommandRunner.run(["ask"] + question)
        #expect(output.status == 2)
        #expect(output.stderr.contains("the question is empty"))
    }

    @Test("a missing knowledge directory is a clear error naming where it looked")
    func missingKnowledge() throws {
        let output = try CommandRunner.run(["ask", "--knowledge", "/nonexistent/kennis", "vraag"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("no knowledge directory found; looked in: /nonexistent/kennis"))
    }

    @Test("validate prints file:line problems and exits 1; a clean directory exits 0")
    func validate() throws {
        var files = Self.files
        files["gezondheid/kapot.md"] = "---\nid: kapot\n"
        let brokenDirectory = try CommandRunner.knowledgeDirectory(files), cleanDirectory = try CommandRunner.knowledgeDirectory(Self.files)
        defer { CommandRunner.remove(brokenDirectory, cleanDirectory) }
        let dialogs = try CommandRunner.knowledgeDirectory(Self.dialogs)
        defer { CommandRunner.remove(dialogs) }
        let broken = try CommandRunner.run(["validate", "--knowledge", brokenDirectory.path, "--dialogs", dialogs.path])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("gezondheid/kapot.md:1: front matter is not closed by a '---' line"))
        let clean = try CommandRunner.run(["validate", "--knowledge", cleanDirectory.path, "--dialogs", dialogs.path])
        #expect(clean.status == 0)
        #expect(clean.stdout.hasPrefix("ok: 1 documents, 1 routes"))
        #expect(clean.stdout.contains("ok: 1 flows, 3 steps"))
    }

    @Test("a malformed file stops ask with its file and line")
    func malformedStopsAsk() throws {
        var files = Self.files
        files["synonyms.tsv"] = "geen tab\n"
        let directory = try CommandRunner.knowledgeDirectory(files)
        defer { CommandRunner.remove(directory) }
        let output = try CommandRunner.run(["ask", "--knowledge", directory.path, "koorts"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("synonyms.tsv:1: expected two fields separated by one tab"))
    }

    @Test("analyze --stems is the bare Snowball algorithm, one word per line")
    func stems() throws {
        let output = try CommandRunner.run(["analyze", "--stems"], input: "huisartsen\nlichamelijke\n")
        #expect(output.stdout == "huisarts\nlicham\n")
    }

    @Test("analyze shows stop words, stems and derived terms")
    func analyze() throws {
        let directory = try CommandRunner.knowledgeDirectory(Self.files)
        defer { CommandRunner.remove(directory) }
        let output = try CommandRunner.run(["analyze", "--knowledge", directory.path], input: "geen dokterspoed\n")
        #expect(output.stdout.contains("geen→gen(stop, negation)"))
        #expect(output.stdout.contains("+dokter(compound 0.7)"))
    }

    @Test("the trained classifier is kept in ROUTEWIJZER_CACHE; answers are the same from it, after damage and without it")
    func classifierCache() throws {
        let cache = FileManager.default.temporaryDirectory.appending(path: "rw-cache-\(UUID().uuidString)")
        defer { CommandRunner.remove(cache) }
        let question = ["ask", "--json", "mijn vader is gevallen en kan niet meer zelf douchen"]
        let first = try CommandRunner.run(question, environment: ["ROUTEWIJZER_CACHE": cache.path])
        let models = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".bin") }.sorted()
        #expect(first.status == 0 && models.count == 2, "the route classifier and the safety classifier")
        #expect(try CommandRunner.run(question, environment: ["ROUTEWIJZER_CACHE": cache.path]).stdout == first.stdout)
        for model in models { try Data("geen model".utf8).write(to: cache.appending(path: model)) }
        #expect(try CommandRunner.run(question, environment: ["ROUTEWIJZER_CACHE": cache.path]).stdout == first.stdout)
        #expect(try Data(contentsOf: cache.appending(path: models[0])).count > 1000)
        #expect(try CommandRunner.run(question, environment: ["ROUTEWIJZER_CACHE": "off"]).stdout == first.stdout)
    }

    /// `analyze` on the small fixture content with `extra` files added, reading `input`.
    func analyze(_ extra: [String: String], _ input: String) throws -> String {
        let directory = try CommandRunner.knowledgeDirectory(Self.files.merging(extra) { $1 })
        defer { CommandRunner.remove(directory) }
        return try CommandRunner.run(["analyze", "--knowledge", directory.path], input: input).stdout
    }

    @Test("analyze shows each clause with its context cues")
    func analyzeCues() throws {
        let cues = "grens\t-\tmaar\nontkenning\tvooruit\tgeen\nander\tzin\tmoeder\n"
        let lines = try analyze(["cues.tsv": cues], "geen koorts maar mijn moeder hoest\n").split(separator: "\n").dropFirst()
        #expect(lines == ["  zin 1: geen koorts  [ontkenning: geen → koorts]", "  zin 2: maar mijn moeder hoest  [ander: moeder]"])
    }

    @Test("analyze shows the lemma step when the lexicon has one")
    func analyzeLemmas() throws {
        let lexicon = "gezin\ngezinnen\tgezin\nslaan\nsloeg\tslaan\n"
        #expect(try analyze(["lexicon/lexicon.tsv": lexicon], "sloeg gezinnen\n") == "sloeg→slaan→slan  gezinnen→gezin\n  zin 1: sloeg gezinnen\n")
    }

    /// A new empty directory and the URL of a file `name` in it, for a labelled file an eval reads.
    static func scratchFile(_ name: String) throws -> (directory: URL, file: URL) {
        let directory = FileManager.default.temporaryDirectory.appending(path: "rw-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (directory, directory.appending(path: name))
    }

    @Test("eval --safety reports recall and false alarms per position, and fails outside its bounds")
    func evalSafety() throws {
        let (directory, file) = try Self.scratchFile("v.tsv")
        defer { CommandRunner.remove(directory) }
        try Data("bericht\tcategorie\ttijd\nmijn man slaat me\tpartnergeweld\tnu\nwie betaalt mijn rolstoel\tgeen\t-\n".utf8).write(to: file)
        let passed = try CommandRunner.run(["eval", "--safety", file.path, "--min-recall", "1", "--max-false-alarms", "0"])
        #expect(passed.status == 0)
        #expect(passed.stdout.contains("eerste bericht: recall 1.000 (1/1), false alarms 0.000 (0/1)"))
        #expect(passed.stdout.contains("midden in gesprek: recall 1.000 (1/1), false alarms 0.000 (0/1)"))
        try Data("bericht\tcategorie\ttijd\nwie betaalt mijn rolstoel\tpartnergeweld\tnu\n".utf8).write(to: file)
        let failed = try CommandRunner.run(["eval", "--safety", file.path, "--min-recall", "0.95"])
        #expect(failed.status == 1 && failed.stderr.contains("recall (eerste bericht) 0.000 is below the required 0.950"))
        try Data("bericht\tcategorie\nzonder tijd\tgeen\n".utf8).write(to: file)
        #expect(try CommandRunner.run(["eval", "--safety", file.path]).stderr.contains("expected 'bericht<TAB>categorie<TAB>nu|verleden|-'"))
    }

    @Test("a command's --help shows that command's options and the common ones; --version prints the version")
    func commandHelp() throws {
        let chat = try CommandRunner.run(["chat", "--help"])
        #expect(chat.status == 0 && chat.stdout.contains("--debug") && chat.stdout.contains("--knowledge DIR") && !chat.stdout.contains("--max-sessions"))
        let serve = try CommandRunner.run(["help", "serve"])
        #expect(serve.stdout.contains("--cors-origin") && !serve.stdout.contains("--debug"))
        let overview = try CommandRunner.run(["--help"]).stdout
        #expect(overview.contains("COMMANDS:") && overview.contains("  serve ") && !overview.contains("--cors-origin"))
        let version = try CommandRunner.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("routewijzer "))
    }

    @Test("ask, chat and serve refuse content that validate rejects, with validate's file:line message")
    func invalidContentIsRefused() throws {
        // A route whose card document does not exist: it parses, but validate rejects it.
        let broken = Self.files.merging(["routes.tsv": "huisartsenpost\tHuisartsenpost\tbestaat-niet\n"]) { $1 }
        let knowledge = try CommandRunner.knowledgeDirectory(broken), dialogs = try CommandRunner.knowledgeDirectory(Self.dialogs)
        defer { CommandRunner.remove(knowledge, dialogs) }
        let validate = try CommandRunner.run(["validate", "--knowledge", knowledge.path, "--dialogs", dialogs.path])
        #expect(validate.status == 1 && validate.stdout.contains("card document 'bestaat-niet'"))
        for command in [["ask", "koorts", "--knowledge", knowledge.path], ["chat", "--knowledge", knowledge.path, "--dialogs", dialogs.path]] {
            let output = try CommandRunner.run(command, input: "koorts\n")
            #expect(output.status == 1 && output.stderr.contains("card document 'bestaat-niet'"), "\(command)")
        }
    }

    @Test("eval --needs reports the needs a story's opening takes up against the first flow alone, and fails below its bars")
    func evalNeeds() throws {
        let (directory, file) = try Self.scratchFile("n.tsv")
        defer { CommandRunner.remove(directory) }
        try Data("# verhaal, routes\nik heb schulden en ik voel me al maanden heel somber\tschuldhulp,huisarts\n".utf8).write(to: file)
        let passed = try CommandRunner.run(["eval", "--needs", file.path, "--min-recall", "1", "--min-complete", "1"])
        #expect(passed.status == 0)
        #expect(passed.stdout.contains("needs: recall 1.000 (2/2), precision 1.000 (2/2), every need taken up in 1.000 of stories (1/1)"))
        #expect(passed.stdout.contains("baseline, the first flow only: recall 0.500 (1/2)"))
        try Data("# verhaal, routes\nik heb schulden\tschuldhulp,informele-zorg\n".utf8).write(to: file)
        let failed = try CommandRunner.run(["eval", "--needs", file.path, "--min-complete", "0.5", "--show-mistakes"])
        #expect(failed.status == 1 && failed.stderr.contains("stories with every need taken up 0.000 are below the required 0.500"))
        #expect(failed.stdout.contains("line 2: [\"geldzorgen\"] for [\"eenzaamheid\", \"geldzorgen\"]: ik heb schulden"))
    }

    @Test("eval prints accuracy and misses, and --min-top1 fails below the bar")
    func eval() throws {
        let directory = try CommandRunner.knowledgeDirectory(Self.files.merging(["q.tsv": "question\troutes\nkoorts\thuisartsenpost\nkoorts\tmantelzorg\n"]) { $1 })
        defer { CommandRunner.remove(directory) }
        let path = directory.appending(path: "q.tsv").path
        let output = try CommandRunner.run(["eval", path, "--knowledge", directory.path])
        #expect(output.status == 0)
        #expect(output.stdout.contains("top-1:  0.500 (1/2)"))
        #expect(output.stdout.contains("line 3: koorts"))
        let gated = try CommandRunner.run(["eval", path, "--knowledge", directory.path, "--min-top1", "0.9"])
        #expect(gated.status == 1)
        #expect(gated.stderr.contains("top-1 accuracy 0.500 is below the required 0.900"))
    }

    @Test("validate reports dialog problems as file:line, in the Dialogs directory")
    func validateDialogs() throws {
        let knowledge = try CommandRunner.knowledgeDirectory(Self.files)
        let dialogs = try CommandRunner.knowledgeDirectory(["intake.md": Self.intake.replacing("goto: post", with: "goto: postt")]
            .merging(CommandRunner.languageFiles) { $1 })
        defer { CommandRunner.remove(knowledge, dialogs) }
        let output = try CommandRunner.run(["validate", "--knowledge", knowledge.path, "--dialogs", dialogs.path])
        #expect(output.status == 1)
        #expect(output.stdout.contains("\(dialogs.path)/intake.md:16: unknown step 'postt'"))
    }

    @Test("chat --json prints one turn object per input line, with routes and state")
    func chatJSON() throws {
        let knowledge = try CommandRunner.knowledgeDirectory(Self.files), dialogs = try CommandRunner.knowledgeDirectory(Self.dialogs)
        defer { CommandRunner.remove(knowledge, dialogs) }
        let output = try CommandRunner.run(["chat", "--json", "--knowledge", knowledge.path, "--dialogs", dialogs.path],
                                           input: "qqq zzz\nja\nhallo\n")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(output.status == 0 && lines.count == 3)
        #expect(lines[0] == #"{"replies":[{"text":"Is het avond of weekend?","options":[{"label":"Ja","value":"ja"},{"label":"Nee","value":"nee"}]}],"routes":[],"state":{"flow":"intake","step":"avond"},"cards":[],"safety":"none","ended":false}"#)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["routes"] as? [String] == ["huisartsenpost"] && second["ended"] as? Bool == true)
        #expect(lines[2].contains(#""state":{"flow":"intake","step":"begin"}"#))
    }

    @Test("chat in a pipe greets, numbers the options and stops at the end of the conversation")
    func chatReadable() throws {
        let knowledge = try CommandRunner.knowledgeDirectory(Self.files), dialogs = try CommandRunner.knowledgeDirectory(Self.dialogs)
        defer { CommandRunner.remove(knowledge, dialogs) }
        let output = try CommandRunner.run(["--knowledge", knowledge.path, "--dialogs", dialogs.path], input: "qqq zzz\n1\nnog een regel\n")
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("Welkom bij de test.\n\nWaar zoekt u hulp bij?\n"))
        #expect(output.stdout.contains("Is het avond of weekend?\n  1. Ja\n  2. Nee"))
        #expect(output.stdout.contains("Contact: Bel de huisartsenpost in uw regio."))
        #expect(output.stdout.contains("Samenvatting van uw gesprek"))
        #expect(!output.stdout.contains("nog een regel"))
    }

    @Test("end of input mid-conversation (Ctrl-D) prints the summary, then exits cleanly")
    func chatEndOfInput() throws {
        let knowledge = try CommandRunner.knowledgeDirectory(Self.files), dialogs = try CommandRunner.knowledgeDirectory(Self.dialogs)
        defer { CommandRunner.remove(knowledge, dialogs) }
        let output = try CommandRunner.run(["chat", "--knowledge", knowledge.path, "--dialogs", dialogs.path], input: "qqq zzz\n")
        let afterQuestion = try #require(output.stdout.range(of: "  2. Nee\n\n")).upperBound
        #expect(output.status == 0 && output.stderr.isEmpty)
        #expect(output.stdout[afterQuestion...].hasPrefix("Samenvatting van uw gesprek met Routewijzer"))
        #expect(output.stdout.contains("Wat u vertelde:\n- qqq zzz") && output.stdout.hasSuffix("Tot ziens. Veel sterkte.\n"))
    }

    @Test("test plays transcripts: ok, or the failing line with the actual turn and exit 1")
    func transcripts() throws {
        let knowledge = try CommandRunner.knowledgeDirectory(Self.files), dialogs = try CommandRunner.knowledgeDirectory(Self.dialogs)
        let good = "# goed\n< contains: Welkom\n> qqq zzz\n< step: avond\n> ja\n< routes: huisartsenpost\n< ended\n"
        let transcripts = try CommandRunner.knowledgeDirectory(["goed.md": good, "fout.md": good.replacing("< ended", with: "< ended: no")])
        defer { CommandRunner.remove(knowledge, dialogs, transcripts) }
        let output = try CommandRunner.run(["test", transcripts.path, "--knowledge", knowledge.path, "--dialogs", dialogs.path])
        #expect(output.status == 1)
        #expect(output.stdout.contains("ok    goed.md") && output.stdout.contains("FAIL  fout.md"))
        #expect(output.stdout.contains("fout.md:7: expected the conversation to go on"))
        #expect(output.stdout.contains("  + Samenvatting van uw gesprek met Routewijzer"))
        #expect(output.stderr.contains("2 transcript(s), 1 failed"))
    }

    @Test("graph draws a flow in Mermaid or dot")
    func graph() throws {
        let dialogs = try CommandRunner.knowledgeDirectory(Self.dialogs)
        defer { CommandRunner.remove(dialogs) }
        let mermaid = try CommandRunner.run(["graph", "--dialogs", dialogs.path, "intake"])
        #expect(mermaid.stdout.hasPrefix("flowchart TD\n  subgraph intake[\"Intake\"]"))
        #expect(mermaid.stdout.contains(#"intake__begin -->|"niet duidelijk"| intake__avond"#))
        let dot = try CommandRunner.run(["graph", "--format", "dot", "--dialogs", dialogs.path])
        #expect(dot.stdout.hasPrefix("digraph dialogs {") && dot.stdout.contains(#""intake__avond" -> "intake__post";"#))
        #expect(try CommandRunner.run(["graph", "--format", "png", "--dialogs", dialogs.path]).status == 2)
        #expect(try CommandRunner.run(["graph", "--dialogs", dialogs.path, "nergens"]).stderr.contains("no flow 'nergens'"))
    }

    @Test("unknown commands and options are usage errors")
    func usageErrors() throws {
        #expect(try CommandRunner.run(["frobnicate"]).status == 2)
        let typo = try CommandRunner.run(["ask", "--jsn", "vraag"])
        #expect(typo.status == 2 && typo.stderr.contains("unknown option --jsn") && typo.stderr.contains("routewijzer ask --help"))
        #expect(try CommandRunner.run(["ask", "--json=yes", "vraag"]).stderr.contains("--json takes no value"))
        #expect(try CommandRunner.run(["validate", "--seed", "1"]).stderr.contains("unknown option --seed for 'validate'"))
        #expect(try CommandRunner.run(["ask", "vraag", "--limit"]).stderr.contains("--limit needs a value"))
        #expect(try CommandRunner.run(["--help"]).stdout.contains("USAGE: routewijzer"))
    }

    @Test("ranking options are checked: a bad value is a usage error", arguments: [
        ["--b", "2"], ["--b", "half"], ["--field-weights", "2,1"], ["--field-weights", "2,-1,1"], ["--limit", "0"],
    ])
    func rankingOptions(options: [String]) throws {
        let directory = try CommandRunner.knowledgeDirectory(Self.files)
        defer { CommandRunner.remove(directory) }
        let output = try CommandRunner.run(["ask", "--knowledge", directory.path] + options + ["koorts"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("error: "))
    }

    @Test("ask --batch FILE reads questions from a file, one answer line per question")
    func batchFile() throws {
        let directory = try CommandRunner.knowledgeDirectory(Self.files.merging(["vragen.txt": "koorts\r\nspoed\n"]) { $1 })
        defer { CommandRunner.remove(directory) }
        let output = try CommandRunner.run(["ask", "--json", "--knowledge", directory.path, "--batch", directory.appending(path: "vragen.txt").path])
        #expect(output.status == 0)
        #expect(output.stdout.split(separator: "\n").map { $0.hasPrefix(#"{"query":"koorts""#) || $0.hasPrefix(#"{"query":"spoed""#) } == [true, true])
        let missing = try CommandRunner.run(["ask", "--json", "--knowledge", directory.path, "--batch", "/nonexistent/vragen.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read /nonexistent/vragen.txt"))
    }
}
