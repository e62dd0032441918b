// BoxRenderer.swift — the table for people: box lines, aligned columns, thousands
// separators, units in headers, `–` for missing, long results cut with a note, the footer.

enum BoxRenderer {
    static func render(_ t: Table, _ s: RenderSettings) -> String {
        let n = t.rowCount
        let shown = n > s.maxRows ? max(s.maxRows, 1) : n
        let decs = t.columns.map { CellText.decimals($0, s) }
        var cells: [[String]] = t.columns.indices.map { c in (0..<shown).map { CellText.text(t.columns[c], $0, decimals: decs[c], s) } }
        let headers = t.columns.map { CellText.header($0, s) }
        var widths = t.columns.indices.map { c in max(Text.width(headers[c]), cells[c].map(Text.width).max() ?? 0) }
        if t.columns.isEmpty { widths = [] }
        var out = ""
        if let title = t.title { out += title + "\n" }
        func rule(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: m) + r + "\n"
        }
        if !t.columns.isEmpty {
            out += rule("┌", "┬", "┐")
            out += "│" + t.columns.indices.map { " " + headers[$0].padded(to: widths[$0], right: t.columns[$0].isNumeric && t.columns[$0].kind != .key) + " " }.joined(separator: "│") + "│\n"
            out += rule("├", "┼", "┤")
            for r in 0..<shown {
                out += "│" + t.columns.indices.map { c in
                    " " + cells[c][r].padded(to: widths[c], right: t.columns[c].isNumeric) + " "
                }.joined(separator: "│") + "│\n"
            }
            out += rule("└", "┴", "┘")
        }
        cells = []
        if shown < n { out += CellText.line("… \(n - shown) more rows (\(n) in all; `set rows N` or export to see them)", s) + "\n" }
        for f in t.footer { out += CellText.line(f, s) + "\n" }
        return out
    }
}
