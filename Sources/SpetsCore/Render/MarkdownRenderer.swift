// MarkdownRenderer.swift — a pipe table (numbers right-aligned) and the footer in italics.

enum MarkdownRenderer {
    static func render(_ t: Table, _ s: RenderSettings) -> String {
        let decs = t.columns.map { CellText.decimals($0, s) }
        func esc(_ x: String) -> String { x.replacingAll("|", with: "\\|").replacingAll("*", with: "\\*") }
        var out = "| " + t.columns.map { esc(CellText.header($0, s)) }.joined(separator: " | ") + " |\n"
        out += "|" + t.columns.map { $0.isNumeric ? "---:" : ":---" }.joined(separator: "|") + "|\n"
        for r in 0..<t.rowCount {
            out += "| " + t.columns.indices.map { esc(CellText.text(t.columns[$0], r, decimals: decs[$0], s)) }.joined(separator: " | ") + " |\n"
        }
        if !t.footer.isEmpty { out += "\n" + t.footer.map { "*" + esc(CellText.line($0, s)) + "*" }.joined(separator: "  \n") + "\n" }
        return out
    }
}
