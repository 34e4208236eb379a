import Retrieval
import Wire

/// How `ask` and `analyze --safety` show what the safety layer concluded: the crisis card first,
/// and on request the evidence behind it.
enum SafetyReport {
    /// The crisis card: what to do now, and the contact line of each document of each category.
    static func card(_ assessment: SafetyAssessment, in base: KnowledgeBase) -> [String] {
        guard assessment.outcome != .none else { return [] }
        var lines = [assessment.outcome == .alarm ? "!! Veiligheid eerst"
                     : "!! Even zeker weten: bent u, of is iemand anders, nu in gevaar? Bel dan meteen 112."]
        for category in categories(assessment, base) {
            lines.append("   \(category.name):")
            for document in category.documents.compactMap(base.document(id:)) {
                lines.append("   - \(document.title): \(document.contact)")
            }
        }
        return lines + [""]
    }

    /// `{"outcome", "categories": [{"id", "name", "contacts": [{"document", "route", "contact"}]}]}`,
    /// with `"evidence"` when explaining.
    static func json(_ assessment: SafetyAssessment, in base: KnowledgeBase, explain: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("outcome", .string(assessment.outcome.rawValue)),
            ("categories", .array(categories(assessment, base).map { category in
                .object([
                    ("id", .string(category.id)),
                    ("name", .string(category.name)),
                    ("contacts", .array(category.documents.compactMap(base.document(id:)).map { document in
                        .object([("document", .string(document.id)), ("route", .string(document.route)),
                                 ("contact", .string(document.contact))])
                    })),
                ])
            })),
        ]
        if explain { members.append(("evidence", .array(evidence(assessment).map(JSONValue.string)))) }
        return .object(members)
    }

    /// One line per finding: category, detector, the context that reached it, and what it led to.
    static func evidence(_ assessment: SafetyAssessment) -> [String] {
        assessment.evidence.map { found in
            let source = switch found.source {
            case .signal(let words): "signal \"\(words)\""
            case .classifier(let probability): "classifier \((probability * 1000).rounded() / 1000)"
            }
            let marks = found.marks.map(\.rawValue).sorted()
            return "\(found.category): \(source)" + (marks.isEmpty ? "" : " [\(marks.joined(separator: ", "))]") + " → \(found.outcome.rawValue)"
        }
    }

    private static func categories(_ assessment: SafetyAssessment, _ base: KnowledgeBase) -> [SafetyCategory] {
        assessment.categories.compactMap { id in base.safetyCategories.first { $0.id == id } }
    }
}
