// Help.swift — `help` and `help TOPIC`, generated from the verb, stage and command tables.
import SpetsCore

enum Help {
    static func text(_ topic: NameRef?) throws(Diagnostic) -> String {
        guard let topic else { return overview() }
        let t = topic.text.lowercased()
        if let v = VerbTable.named(t) {
            var s = "\(v.name) — \(v.summary)\n\n  \(v.usage)\n\n"
            for c in v.clauses { s += "  \(c.keyword.padded(to: 8, right: false)) \(c.help)\(c.required ? " (required)" : "")\n" }
            if !v.details.isEmpty { s += "\n" + v.details.map { "  " + $0 }.joined(separator: "\n") + "\n" }
            return s
        }
        if let c = CommandTable.named(t) {
            return "\(c.name) — \(c.summary)\n\n  \(c.usage)\n" + (c.details.isEmpty ? "" : "\n" + c.details.map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n") + "\n")
        }
        if let st = StageTable.named(t) { return "\(st.name) — \(st.summary)\n\n  \(st.usage)\n" }
        let all = VerbTable.all.map(\.name) + CommandTable.all.map(\.name) + StageTable.all.map(\.name)
        throw Diagnostic(message: "no help on `\(topic.text)`", span: topic.span, help: "topics: " + all.joined(separator: ", "),
                         candidates: Text.suggestions(for: topic.text, among: all))
    }

    static func overview() -> String {
        var s = "spets — smart specialisation analysis\n\nAnalyses\n"
        let w = (VerbTable.all.map(\.name) + CommandTable.all.map(\.name) + StageTable.all.map(\.name)).map(\.count).max() ?? 8
        for v in VerbTable.all { s += "  \(v.name.padded(to: w, right: false))  \(v.summary)\n" }
        s += "\nPipe stages (after |)\n"
        for st in StageTable.all { s += "  \(st.name.padded(to: w, right: false))  \(st.summary)\n" }
        s += "\nCommands\n"
        for c in CommandTable.all { s += "  \(c.name.padded(to: w, right: false))  \(c.summary)\n" }
        s += "\n`help NAME` gives the syntax. Statements end at a newline or `;`; # starts a comment.\n"
        return s
    }
}
