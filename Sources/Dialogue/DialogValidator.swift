import DutchText
import Retrieval

/// The rules `routewijzer validate` enforces on `Dialogs/`, beyond what parsing demands: every step
/// leads somewhere, every target and route exists, and no answer is used before it is asked.
public enum DialogValidator {
    public static func problems(in dialogs: DialogSet, knowledge: KnowledgeBase) -> [DialogError] {
        var problems = setProblems(dialogs, knowledge)
        for flow in dialogs.flows {
            problems += FlowChecker(flow: flow, dialogs: dialogs, knowledge: knowledge).problems()
        }
        return problems
    }

    /// Problems of the set as a whole: ids, the intake, flows nobody can reach, routes never recommended.
    private static func setProblems(_ dialogs: DialogSet, _ knowledge: KnowledgeBase) -> [DialogError] {
        var problems: [DialogError] = []
        var seen: [String: String] = [:]
        for flow in dialogs.flows {
            let line = flow.fieldLines["id"] ?? 1
            if let other = seen[flow.id] {
                problems.append(DialogError(file: flow.path, line: line, message: "duplicate flow id '\(flow.id)', also used in \(other)"))
            }
            seen[flow.id] = flow.path
            if fileStem(flow.path) != flow.id {
                problems.append(DialogError(file: flow.path, line: line, message: "flow id '\(flow.id)' differs from the file name"))
            }
        }
        if let intake = dialogs.intake {
            if intake.step(DialogSet.moreStepID) != nil && intake.step(DialogSet.closingStepID) == nil {
                problems.append(DialogError(file: intake.path, line: 1, message: "the intake has a step '\(DialogSet.moreStepID)' but no step '\(DialogSet.closingStepID)' that ends the conversation"))
            }
        } else {
            problems.append(DialogError(file: "\(DialogSet.intakeID).md", line: 1, message: "there is no intake flow (id '\(DialogSet.intakeID)'): conversations start there"))
        }
        for flow in dialogs.flows {
            for route in flow.routes where knowledge.route(id: route) == nil {
                problems.append(DialogError(file: flow.path, line: flow.fieldLines["routes"] ?? 1, message: "unknown route id '\(route)' in 'routes:'"))
            }
        }
        let entered = Set(dialogs.flows.flatMap { $0.steps.flatMap(enteredFlows) })
        for flow in dialogs.flows where flow.kind == .flow && flow.id != DialogSet.intakeID
            && flow.triggers.isEmpty && !entered.contains(flow.id) {
            problems.append(DialogError(file: flow.path, line: 1, message: "flow '\(flow.id)' has no triggers and no flow jumps to or calls it"))
        }
        if let safety = dialogs.safety {
            for category in knowledge.safetyCategories where safety.step(category.id) == nil {
                problems.append(DialogError(file: safety.path, line: 1, message: "safety category '\(category.id)' has no step with its first help"))
            }
        }
        // The crisis cards of the safety categories recommend their documents' routes.
        let crisisRoutes = knowledge.safetyCategories.flatMap(\.documents).compactMap { knowledge.document(id: $0)?.route }
        let recommended = Set(dialogs.flows.flatMap { $0.steps.flatMap { ($0.end ?? []) + $0.advice }.map(\.route) } + crisisRoutes)
        for route in knowledge.routes where !recommended.contains(route.id) {
            problems.append(DialogError(file: KnowledgeBase.routesFile, line: route.line, message: "no dialog step recommends route '\(route.id)'"))
        }
        return problems
    }

    static func enteredFlows(_ step: Step) -> [String] {
        var targets = step.options.compactMap(\.target) + step.branches.map(\.target)
        targets += [step.next, step.otherwise].compactMap { $0 }
        let jumps = targets.compactMap { target -> String? in
            if case .flow(let id) = target { return id }
            return nil
        }
        return jumps + (step.call.map { [$0] } ?? [])
    }

    private static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}

/// The checks within one flow.
private struct FlowChecker {
    let flow: Flow
    let dialogs: DialogSet
    let knowledge: KnowledgeBase

    func problems() -> [DialogError] {
        var problems = structureProblems()
        for step in flow.steps {
            problems += stepProblems(step)
            problems += shadowedOptions(step)
        }
        if flow.kind == .flow {
            problems += reachabilityProblems()
            problems += answerOrderProblems()
        }
        return problems
    }

    private func error(_ line: Int, _ message: String) -> DialogError {
        DialogError(file: flow.path, line: line, message: message)
    }

    private func structureProblems() -> [DialogError] {
        var problems: [DialogError] = []
        var seen: Set<String> = []
        for step in flow.steps where !seen.insert(step.id).inserted {
            problems.append(error(step.line, "duplicate step id '\(step.id)'"))
        }
        if flow.step(flow.startStep) == nil {
            problems.append(error(flow.fieldLines["start"] ?? 1, "start step '\(flow.startStep)' does not exist"))
        }
        return problems
    }

    private func stepProblems(_ step: Step) -> [DialogError] {
        var problems: [DialogError] = []
        func add(_ directive: String, _ message: String) { problems.append(error(step.lines[directive] ?? step.line, message)) }
        if flow.kind == .safety {
            if step.messages.isEmpty { add("say", "a safety step needs 'say:': the first help for its category") }
            if !knowledge.safetyCategories.isEmpty && !knowledge.safetyCategories.contains(where: { $0.id == step.id }) {
                add("say", "safety step '\(step.id)' is no category of Knowledge/\(KnowledgeBase.safetyCategoriesFile)")
            }
            if step.question != nil || step.next != nil { add("ask", "a safety step answers at once: no 'ask:' or 'goto:'") }
        } else if !step.hasWayForward && step.call == nil {
            add("ask", "step '\(step.id)' is a dead end: give it 'goto:', 'end:' or option targets")
        } else if step.end == nil && step.next == nil && step.options.contains(where: { $0.target == nil }) {
            add("ask", "step '\(step.id)' has options without a target and no 'goto:' for them")
        } else if step.call != nil && step.next == nil && step.end == nil {
            add("call", "after 'call:' the step needs 'goto:' or 'end:' to continue")
        } else if !step.branches.isEmpty && step.next == nil && step.end == nil && step.options.isEmpty {
            add("if", "when no 'if:' holds, step '\(step.id)' has nowhere to go: add 'goto:'")
        } else if let expectation = step.effectiveExpectation, expectation != .open, step.next == nil, step.end == nil,
                  !step.options.contains(where: { $0.phrases.contains { dialogs.words.isUnknown(Tokenizer.plainWords($0)) } }) {
            add("ask", "step '\(step.id)' has no path for 'weet ik niet': add 'goto:' or an option with 'weet ik niet'")
        }
        if !step.yesIfTold.isEmpty && step.effectiveExpectation != .yesNo {
            add("yes-if-told", "'yes-if-told:' belongs to a yes/no question")
        }
        checkExpectation(step, add)
        problems += targetProblems(step)
        problems += routeProblems(step)
        return problems
    }

    private func checkExpectation(_ step: Step, _ add: (String, String) -> Void) {
        let expectation = step.effectiveExpectation
        if step.question == nil && (step.expectation != nil || !step.options.isEmpty || step.saveKey != nil) {
            add("ask", "options, 'expect:' and 'save:' need an 'ask:' question")
        }
        if expectation == .choice && step.options.isEmpty { add("expect", "a choice question needs options") }
        if let expectation, expectation != .choice, !step.options.isEmpty { add("expect", "options only go with a choice question") }
        if step.otherwise != nil && expectation != .open { add("else", "'else:' goes with 'expect: open'") }
        if expectation == .open && (step.otherwise == nil || step.next == nil) {
            add("expect", "an open question needs 'goto:' (after an answer) and 'else:' (when the words point nowhere)")
        }
    }

    private func targetProblems(_ step: Step) -> [DialogError] {
        var problems: [DialogError] = []
        let targets = step.options.map { ($0.target, $0.line) } + step.branches.map { ($0.target, $0.line) }
            + [(step.next, step.lines["goto"] ?? step.line), (step.otherwise, step.lines["else"] ?? step.line)]
        for case let (target?, line) in targets {
            switch target {
            case .step(let id) where flow.step(id) == nil:
                problems.append(error(line, "unknown step '\(id)'"))
            case .flow(let id) where dialogs.flow(id)?.kind != .flow:
                problems.append(error(line, "unknown flow '@\(id)'"))
            default: break
            }
        }
        if let call = step.call, dialogs.flow(call)?.kind != .flow {
            problems.append(error(step.lines["call"] ?? step.line, "unknown flow '\(call)' in 'call:'"))
        }
        return problems
    }

    private func routeProblems(_ step: Step) -> [DialogError] {
        var problems: [DialogError] = []
        let references = [("end", step.end ?? []), ("advise", step.advice)]
        for (directive, list) in references {
            for reference in list {
                if let message = problem(reference) { problems.append(error(step.lines[directive] ?? step.line, message)) }
            }
        }
        for route in step.lookup?.routes ?? [] where knowledge.route(id: route) == nil {
            problems.append(error(step.lines["routes"] ?? step.line, "unknown route id '\(route)'"))
        }
        return problems
    }

    private func problem(_ reference: RouteReference) -> String? {
        guard knowledge.route(id: reference.route) != nil else { return "unknown route id '\(reference.route)'" }
        guard let id = reference.document else { return nil }
        guard let document = knowledge.document(id: id) else { return "unknown knowledge document '\(id)'" }
        return document.route == reference.route ? nil : "document '\(id)' belongs to route '\(document.route)', not '\(reference.route)'"
    }

    /// An option whose every phrase is also an earlier option's can never be chosen; a single shared
    /// phrase is reported too, because the earlier option silently wins it.
    private func shadowedOptions(_ step: Step) -> [DialogError] {
        var owner: [String: Step.Option] = [:]
        var problems: [DialogError] = []
        for option in step.options {
            for phrase in option.phrases {
                let key = TextNormalizer.fold(phrase).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
                if let earlier = owner[key], earlier.value != option.value {
                    problems.append(error(option.line, "'\(phrase)' of option '\(option.value)' is shadowed by option '\(earlier.value)' on line \(earlier.line), which has it too"))
                } else {
                    owner[key] = option
                }
            }
        }
        return problems
    }

    /// Steps `step` can lead to within this flow.
    private func successors(_ step: Step) -> [String] {
        let targets = step.options.compactMap(\.target) + step.branches.map(\.target) + [step.next, step.otherwise].compactMap { $0 }
        return targets.compactMap { target in
            if case .step(let id) = target { return id }
            return nil
        }
    }

    private func reachabilityProblems() -> [DialogError] {
        var reached: Set<String> = [flow.startStep]
        var queue = [flow.startStep]
        while let id = queue.popLast() {
            for next in flow.step(id).map(successors) ?? [] where reached.insert(next).inserted { queue.append(next) }
        }
        return flow.steps.filter { !reached.contains($0.id) }.map { error($0.line, "step '\($0.id)' cannot be reached from '\(flow.startStep)'") }
    }

    /// Keys that may have been saved on some path from the start to each step (before it runs).
    private func keysBefore() -> [String: Set<String>] {
        var before: [String: Set<String>] = [flow.startStep: []]
        var queue = [flow.startStep]
        while let id = queue.popLast() {
            guard let step = flow.step(id) else { continue }
            var after = before[id] ?? []
            if step.question != nil { after.insert(step.answerKey) }
            for next in successors(step) where !(before[next] ?? []).isSuperset(of: after) || before[next] == nil {
                before[next, default: []].formUnion(after)
                queue.append(next)
            }
        }
        return before
    }

    private func answerOrderProblems() -> [DialogError] {
        let before = keysBefore()
        var problems: [DialogError] = []
        for step in flow.steps {
            let known = before[step.id] ?? []
            let own: Set<String> = step.question != nil ? [step.answerKey] : []
            for branch in step.branches {
                for key in branch.condition.keys where !known.contains(key) && !own.contains(key) {
                    problems.append(error(branch.line, "'\(key)' is used before it is asked in this flow"))
                }
            }
            var texts = step.messages.flatMap { wording in wording.variants.map { ($0, wording.line) } }
            texts += (step.question?.variants ?? []).map { ($0, step.question!.line) }
            if let lookup = step.lookup { texts.append((lookup.query, lookup.line)) }
            for (text, line) in texts {
                for key in Interpolation.keys(in: text) where !known.contains(key) {
                    problems.append(error(line, "'{\(key)}' is used before it is asked in this flow"))
                }
            }
        }
        return problems
    }
}
