// Help.swift — `help` and `help TOPIC`, generated from the verb, stage and command tables.
import SpetsCore

enum Help {
    static func text(_ topic: NameRef?, _ lang: Language = .en) throws(Diagnostic) -> String {
        func tr(_ s: String) -> String { Catalogue.text(s, lang) }
        guard let topic else { return overview(lang) }
        let t = topic.text.lowercased()
        if let v = VerbTable.named(t) {
            var s = "\(v.name) — \(tr(v.summary))\n\n  \(v.usage)\n\n"
            for c in v.clauses { s += "  \(c.keyword.padded(to: 8, right: false)) \(tr(c.help))\(c.required ? (lang == .sv ? " (krävs)" : " (required)") : "")\n" }
            if !v.details.isEmpty { s += "\n" + v.details.map { "  " + tr($0) }.joined(separator: "\n") + "\n" }
            return s
        }
        if let c = CommandTable.named(t) {
            return "\(c.name) — \(lang == .sv ? c.summarySV : c.summary)\n\n  \(c.usage)\n" + (c.details.isEmpty ? "" : "\n" + c.details.map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n") + "\n")
        }
        if let st = StageTable.named(t) { return "\(st.name) — \(Catalogue.text(st.summary, lang))\n\n  \(st.usage)\n" }
        let all = VerbTable.all.map(\.name) + CommandTable.all.map(\.name) + StageTable.all.map(\.name)
        throw Diagnostic(.noHelp, topic.text, span: topic.span, help: "topics: " + all.joined(separator: ", "),
                         candidates: Text.suggestions(for: topic.text, among: all))
    }

    static func overview(_ lang: Language = .en) -> String {
        let sv = lang == .sv
        func t(_ s: String) -> String { Catalogue.text(s, lang) }
        var s = sv ? "spets — analys för smart specialisering\n\nAnalyser\n" : "spets — smart specialisation analysis\n\nAnalyses\n"
        let w = (VerbTable.all.map(\.name) + CommandTable.all.map(\.name) + StageTable.all.map(\.name)).map(\.count).max() ?? 8
        for v in VerbTable.all { s += "  \(v.name.padded(to: w, right: false))  \(t(v.summary))\n" }
        s += sv ? "\nRörsteg (efter |)\n" : "\nPipe stages (after |)\n"
        for st in StageTable.all { s += "  \(st.name.padded(to: w, right: false))  \(t(st.summary))\n" }
        s += sv ? "\nKommandon\n" : "\nCommands\n"
        for c in CommandTable.all { s += "  \(c.name.padded(to: w, right: false))  \(sv ? c.summarySV : c.summary)\n" }
        s += sv ? "\n`help NAMN` visar hur det skrivs. En sats slutar vid radslut eller `;`; # inleder en kommentar.\n"
                : "\n`help NAME` gives the syntax. Statements end at a newline or `;`; # starts a comment.\n"
        return s
    }
}
