// BoxRenderer.swift — the table for people: box lines, aligned columns, thousands
// separators, units in headers, `–` for missing, long results cut with a note, the footer;
// fitted to the terminal (or `set width N`) by `BoxFit`.

enum BoxRenderer {
    static func render(_ t: Table, _ s: RenderSettings) -> String {
        let n = t.rowCount
        let shown = s.maxRows == 0 || n <= s.maxRows ? n : s.maxRows
        let decs = t.columns.map { CellText.decimals($0, s) }
        var cells: [[String]] = t.columns.indices.map { c in (0..<shown).map { CellText.text(t.columns[c], $0, decimals: decs[c], s) } }
        let parts = t.columns.map { CellText.headerParts($0, s) }
        // What may be cut: a name after its code (the code stays whole), a text value; never a
        // number or a text key (an area's name is what the user types).
        let floors: [Int?] = t.columns.indices.map { c in
            let col = t.columns[c]
            switch col.values {
            case .number: return nil
            case .text: return col.kind == .key ? nil : 0
            case .coded(let codes, let d): return (codes.prefix(shown).map { Text.width(d.labels[Int($0)]) }.max() ?? 0) + 2
            }
        }
        let fit = BoxFit(names: parts.map(\.name), units: parts.map(\.unit), cells: cells, floors: floors, limit: s.boxLimit)
        // The drawn columns: a table column, or the `…` that stands for the hidden ones.
        let drawn: [Int?] = fit.gap.map { g in fit.shown[..<g].map { Optional($0) } + [nil] + fit.shown[g...].map { Optional($0) } } ?? fit.shown.map { Optional($0) }
        func width(_ c: Int?) -> Int { c.map { fit.widths[$0] } ?? 1 }
        let headerLines = fit.headers.map(\.count).max() ?? 1
        var out = ""
        if let title = t.title { out += title + "\n" }
        func rule(_ l: String, _ m: String, _ r: String) -> String {
            l + drawn.map { String(repeating: "─", count: width($0) + 2) }.joined(separator: m) + r + "\n"
        }
        func line(_ text: (Int) -> String, numeric: (Int) -> Bool) -> String {
            "│" + drawn.map { c in
                guard let c else { return " … " }
                return " " + BoxFit.cut(text(c), to: fit.widths[c]).padded(to: fit.widths[c], right: numeric(c)) + " "
            }.joined(separator: "│") + "│\n"
        }
        if !t.columns.isEmpty {
            out += rule("┌", "┬", "┐")
            for k in 0..<headerLines {
                out += line({ k < fit.headers[$0].count ? fit.headers[$0][k] : "" }, numeric: { t.columns[$0].isNumeric && t.columns[$0].kind != .key })
            }
            out += rule("├", "┼", "┤")
            for r in 0..<shown { out += line({ cells[$0][r] }, numeric: { t.columns[$0].isNumeric }) }
            out += rule("└", "┴", "┘")
        }
        cells = []
        // Notes and footer lines fold at the width the table was fitted to.
        func note(_ line: String) {
            let text = CellText.line(line, s)
            for l in s.boxLimit.map({ BoxFit.wrap(text, width: $0) }) ?? [text] { out += l + "\n" }
        }
        if shown < n { note("… \(n - shown) more rows (\(n) in all; `set rows N` or export to see them)") }
        let hidden = fit.hidden
        if !hidden.isEmpty {
            note("… \(plural(hidden.count, "column")) hidden (\(hidden.map { fit.headers[$0][0] }.joined(separator: ", "))); `set width 0` shows all")
        }
        for f in t.footer { note(f) }
        return out
    }
}
