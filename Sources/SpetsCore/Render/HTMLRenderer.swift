// HTMLRenderer.swift — tables as HTML for reports and `export … to "f.html"`: escaped text,
// numbers right-aligned, the footer as notes. Self-contained; nothing fetched.

public enum HTMLRenderer {
    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func table(_ t: Table, _ s: RenderSettings) -> String {
        let decs = t.columns.map { CellText.decimals($0, s) }
        var out = "<table>\n<thead><tr>" + t.columns.map { "<th>\(escape(CellText.header($0, s)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for r in 0..<t.rowCount {
            out += "<tr>" + t.columns.indices.map { c in
                let cell = escape(CellText.text(t.columns[c], r, decimals: decs[c], s))
                return t.columns[c].isNumeric ? "<td class=\"n\">\(cell)</td>" : "<td>\(cell)</td>"
            }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        for f in t.footer { out += "<p class=\"note\">\(escape(CellText.line(f, s)))</p>\n" }
        return out
    }

    /// A whole page around already rendered sections.
    public static func page(title: String, body: String, language: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        table { border-collapse: collapse; margin: 0.5rem 0; }
        th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
        th { background: #f3f3f3; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        p.note { color: #555; font-size: 0.85rem; margin: 0.1rem 0; }
        figure.chart { margin: 1rem 0; }
        figure.chart svg { max-width: 100%; height: auto; }
        pre { background: #f6f6f6; padding: 0.5rem; overflow-x: auto; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
