// MarkdownRenderer.swift — a pipe table (numbers right-aligned) and the footer in italics.

public enum MarkdownRenderer {
    public static func tagsInert(_ x: String) -> String {
        guard x.contains("<") else { return x }
        var out = ""
        var it = x.makeIterator()
        var pending: Character? = it.next()
        while let c = pending {
            let next = it.next()
            if c == "<", let n = next, n.isLetter || n == "/" || n == "!" || n == "?" { out += "&lt;" } else { out.append(c) }
            pending = next
        }
        return out
    }

    static func render(_ t: Table, _ s: RenderSettings) -> String {
        let decs = t.columns.map { CellText.decimals($0, s) }
        // HTML in a cell (`<script>` from a file's labels) is shown as text, not passed to
        // whatever renders the Markdown: a `<` that could open a tag is written `&lt;`
        // (`< 1e-12` stays as it is).
        func esc(_ x: String) -> String { tagsInert(x).replacingAll("|", with: "\\|").replacingAll("*", with: "\\*") }
        var out = "| " + t.columns.map { esc(CellText.header($0, s)) }.joined(separator: " | ") + " |\n"
        out += "|" + t.columns.map { $0.isNumeric ? "---:" : ":---" }.joined(separator: "|") + "|\n"
        for r in 0..<t.rowCount {
            out += "| " + t.columns.indices.map { esc(CellText.text(t.columns[$0], r, decimals: decs[$0], s)) }.joined(separator: " | ") + " |\n"
        }
        if !t.footer.isEmpty { out += "\n" + t.footer.map { "*" + esc(CellText.line($0, s)) + "*" }.joined(separator: "  \n") + "\n" }
        return out
    }
}
