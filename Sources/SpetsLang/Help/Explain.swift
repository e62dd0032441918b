// Explain.swift — `explain VERB`: the method behind a verb, for analysts — the formula, how
// to read the number, the conventions and options, the pitfalls and the references. The text
// is the verb's section of docs/methods.md (English) or docs/metoder.md (Swedish, `set lang
// sv`), read at run time, so the shell and the documentation cannot drift apart.
import SpetsCore

extension Session {
    func explain(_ topic: NameRef?) throws(Diagnostic) -> Outcome {
        let sv = settings.language == .sv
        let verbs = VerbTable.all.map(\.name)
        guard let topic else {
            let have = verbs.filter { section(for: $0, in: "methods.md") != nil }
            return Outcome(text: (sv ? "Förklaringar finns för: " : "Explanations exist for: ") + have.joined(separator: ", ")
                           + (sv ? "\nSkriv `explain VERB`, t.ex. `explain lq`.\n" : "\nWrite `explain VERB`, e.g. `explain lq`.\n"))
        }
        guard let spec = VerbTable.named(topic.text) else {
            throw Diagnostic(.nothingToExplain, topic.text, span: topic.span,
                             help: (sv ? "verb: " : "verbs: ") + verbs.joined(separator: ", "),
                             candidates: Text.suggestions(for: topic.text, among: verbs))
        }
        var note: String? = nil
        var found = sv ? section(for: spec.name, in: "metoder.md") : nil
        if found == nil {
            found = section(for: spec.name, in: "methods.md")
            if sv && found != nil { note = "(Den här förklaringen finns än så länge bara på engelska.)" }
        }
        guard let (heading, body, references) = found else {
            throw Diagnostic(.methodsTextNotFound, spec.name, docsDirectory ?? "docs", span: topic.span)
        }
        var out = heading + "\n" + String(repeating: "─", count: Text.width(heading)) + "\n"
        if let note { out += note + "\n" }
        out += "\n" + body.trimmed() + "\n\n" + (sv ? "Användning: " : "Usage: ") + spec.usage + "\n"
        if !references.isEmpty {
            out += "\n" + (sv ? "Referenser:\n" : "References:\n") + references.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        return Outcome(text: out)
    }

    /// The section whose heading names the verb in backticks, without Markdown emphasis, and
    /// the references it cites (entries of the document's last section whose first author's
    /// surname appears in it).
    func section(for verb: String, in file: String) -> (String, String, [String])? {
        guard let dir = docsDirectory, let text = try? FileIO.readText(dir + "/" + file) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("## ") && $0.contains("`\(verb)`") }) else { return nil }
        var end = start + 1
        while end < lines.count && !lines[end].hasPrefix("## ") { end += 1 }
        let plain: (String) -> String = { $0.replacingAll("**", with: "") }
        let heading = plain(String(lines[start].dropFirst(3))).replacingAll("`", with: "")
        let body = lines[(start + 1)..<end].map(plain).joined(separator: "\n")
        // References: the last `## ` section's list items (continuation lines joined).
        var refs: [String] = []
        if let r = lines.lastIndex(where: { $0.hasPrefix("## ") }), r > start {
            var items: [String] = []
            for l in lines[(r + 1)...] {
                if l.hasPrefix("- ") { items.append(String(l.dropFirst(2))) } else if l.hasPrefix("  "), !items.isEmpty { items[items.count - 1] += " " + l.trimmed() }
            }
            for it in items {
                let surname = String(it.prefix { $0 != "," })   // `Balassa`, `de Vries`
                if surname.count > 2 && body.contains(surname) { refs.append(it.replacingAll("*", with: "")) }
            }
        }
        return (heading, body, refs)
    }
}
