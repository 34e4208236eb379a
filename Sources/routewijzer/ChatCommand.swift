import Retrieval

/// `routewijzer chat` (the default): a conversation in the terminal or over a pipe.
///
/// Until the dialogue engine lands, each question is answered from the knowledge base with the best
/// routes, their contact details and sources; `stop` or end of input ends the conversation.
enum ChatCommand {
    static let greeting = """
        Welkom bij Routewijzer. Vertel in uw eigen woorden waar u hulp bij zoekt.
        Ik zoek uit waar u het beste terecht kunt. Typ 'stop' om te stoppen.
        Bij direct gevaar belt u 112. Denkt u aan zelfdoding? Bel 113 of 0800-0113.
        """

    static func run(_ arguments: Arguments) throws(CLIError) {
        try arguments.allow(flags: [], options: ["--knowledge", "--k1", "--b", "--field-weights"])
        guard arguments.positional.isEmpty else { throw .usage("chat reads the conversation from standard input") }
        let knowledge = try LoadedKnowledge(arguments)
        var searcher = Searcher(index: knowledge.index)
        Console.out(greeting + "\n")
        while let line = readLine() {
            let text = line.trimmed()
            if text.isEmpty { continue }
            if ["stop", "klaar", "doei"].contains(text.lowercased()) { break }
            let results = searcher.search(text, limit: 10)
            Console.out(AskCommand.answer(text, results, knowledge.base, explain: false))
            Console.out("Heeft u nog een vraag? Typ die dan hieronder, of typ 'stop'.\n")
        }
        Console.out("Tot ziens. Onafhankelijke cliëntondersteuning van uw gemeente helpt u gratis verder.")
    }
}
