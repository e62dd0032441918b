// Tutorial.swift — `tutorial`, `tutorial N`, `next`, `back`: a guided walk through the demo
// data for the room. The steps are data (datasets/tutorial/steps.LANG.md), not prose in
// Swift: each explains a concept, suggests a statement, and — once the user has run it (or
// an edited version) — says how to read the result and asks one question.
import SpetsCore

public struct TutorialStep: Equatable, Sendable {
    public var title = "", concept = "", run = "", read = "", ask = ""

    /// `## Title` starts a step; `concept:`, `run:`, `read:`, `ask:` its parts (continuing
    /// over the following lines); `#` lines before the first step are comments.
    /// A step's fields, by the key that starts their lines (key paths are immutable values).
    nonisolated(unsafe) static let fields: [(String, WritableKeyPath<TutorialStep, String>)] = [("concept", \.concept), ("run", \.run), ("read", \.read), ("ask", \.ask)]

    public static func parse(_ text: String) -> [TutorialStep] {
        var steps: [TutorialStep] = [], key = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("## ") { steps.append(TutorialStep(title: String(line.dropFirst(3)).trimmed())); key = ""; continue }
            guard !steps.isEmpty else { continue }
            var content = line
            for (k, _) in fields where line.hasPrefix(k + ":") {
                key = k; content = String(line.dropFirst(k.count + 1))
            }
            let t = content.trimmed()
            guard !t.isEmpty else { continue }
            let i = steps.count - 1
            if let field = fields.first(where: { $0.0 == key })?.1 {
                let s = steps[i][keyPath: field]
                steps[i][keyPath: field] = s.isEmpty ? t : s + " " + t
            }
        }
        return steps
    }
}

/// Where the room is in the tutorial.
struct TutorialState {
    var index: Int
    /// The current step's statement has been run (its reading has been shown).
    var ran = false
}

extension Session {
    func tutorialSteps() throws(Diagnostic) -> [TutorialStep] {
        let lang = settings.language.rawValue
        guard let dir = datasetsDirectory, let text = try? FileIO.readText(dir + "/tutorial/steps.\(lang).md") else {
            throw Diagnostic(.tutorialSStepsWereFound, datasetsDirectory ?? "datasets", lang)
        }
        // `{datasets}`: short when the shell runs in the project folder, else the full path.
        let here = FileIO.exists("datasets/demo-counties.csv") ? "datasets" : dir
        return TutorialStep.parse(text.replacingAll("{datasets}", with: here))
    }

    /// `tutorial [N]`, `next` (+1), `back` (−1).
    func tutorial(step: Int?, move: Int) throws(Diagnostic) -> Outcome {
        let steps = try tutorialSteps()
        let sv = settings.language == .sv
        var index: Int
        if move == 0 {
            index = (step ?? 1) - 1
            guard index >= 0 && index < steps.count else {
                throw Diagnostic(.tutorialHasSteps, steps.count)
            }
        } else {
            guard let t = tutorialState else {
                throw Diagnostic(.noTutorialRunning, help: sv ? "börja med `tutorial`" : "start one with `tutorial`")
            }
            index = t.index + move
            if index >= steps.count {
                tutorialState = nil
                return Outcome(text: sv ? "Det var sista steget — bra jobbat. `tutorial 1` börjar om.\n"
                                        : "That was the last step — well done. `tutorial 1` starts again.\n")
            }
            index = max(index, 0)
        }
        tutorialState = TutorialState(index: index)
        let s = steps[index]
        let head = (sv ? "Steg \(index + 1) av \(steps.count)" : "Step \(index + 1) of \(steps.count)") + " · " + s.title
        var out = head + "\n" + String(repeating: "─", count: Text.width(head)) + "\n"
        out += wrap(s.concept) + "\n\n"
        out += (sv ? "  Prova:  " : "  Try:  ") + s.run + "\n\n"
        out += wrap(sv ? "Skriv satsen (eller ändra den) och tryck Enter. `next` går vidare, `back` går tillbaka."
                       : "Type the statement (or edit it) and press Enter. `next` goes on, `back` goes back.") + "\n"
        return Outcome(text: out)
    }

    /// After a statement: when it is the current step's (the same first word — edits count),
    /// how to read the result and the question, once.
    func tutorialFollowUp(_ statement: String) -> String? {
        guard var t = tutorialState, !t.ran, let steps = try? tutorialSteps(), t.index < steps.count else { return nil }
        let s = steps[t.index]
        func first(_ x: String) -> String { String(x.trimmed().prefix { !$0.isWhitespace }).lowercased() }
        guard first(statement) == first(s.run) else { return nil }
        t.ran = true
        tutorialState = t
        let sv = settings.language == .sv
        let last = t.index == steps.count - 1
        return "\n" + wrap((sv ? "Så läser du det: " : "How to read it: ") + s.read) + "\n"
            + wrap((sv ? "Fundera på: " : "Think about: ") + s.ask) + "\n"
            + (last ? (sv ? "(`next` avslutar lärpasset)" : "(`next` ends the tutorial)")
                    : (sv ? "(`next` till steg \(t.index + 2))" : "(`next` for step \(t.index + 2))")) + "\n"
    }

    /// Words wrapped to the terminal (at most 90 columns: prose reads badly wider).
    func wrap(_ text: String) -> String {
        let width = max(40, min(settings.width, 90))
        var lines: [String] = [], cur = ""
        for w in text.split(separator: " ") {
            if !cur.isEmpty && Text.width(cur) + 1 + Text.width(String(w)) > width { lines.append(cur); cur = String(w) }
            else { cur += cur.isEmpty ? String(w) : " " + w }
        }
        if !cur.isEmpty { lines.append(cur) }
        return lines.joined(separator: "\n")
    }
}
