// NotebookHTML.swift — a rendered notebook as one self-contained HTML file: prose through
// Ink (a maintained Markdown converter), code and outputs as pre blocks, tables as HTML
// tables with their footers, charts inline as SVG. No scripts, nothing fetched.
import Ink
import SpetsCore

public enum NotebookHTML {
    public static func render(_ nb: Notebook, _ results: [BlockResult]) -> String {
        let parser = MarkdownParser()
        var body = ""
        var title: String? = nil
        var k = 0
        for cell in nb.cells {
            switch cell {
            case .prose(let p):
                if title == nil, let h = p.split(separator: "\n").first(where: { $0.hasPrefix("# ") }) { title = String(h.dropFirst(2)).trimmed() }
                body += parser.html(from: p) + "\n"
            case .code(let c):
                let r = results[k]; k += 1
                if !c.options.contains(.hide) {
                    body += "<pre class=\"code\"><code>" + HTMLRenderer.escape(c.source) + "</code></pre>\n"
                }
                guard !c.options.contains(.nooutput), !r.segments.isEmpty else { continue }
                body += "<div class=\"output\(r.failed ? " failed" : "")\">\n"
                for seg in r.segments {
                    switch seg {
                    case .text(let t): body += "<pre>" + HTMLRenderer.escape(t.hasSuffix("\n") ? String(t.dropLast()) : t) + "</pre>\n"
                    case .table(let t, var s):
                        s.maxRows = Int.max
                        body += OutputFormat.html.render(t, s)
                    case .figure(let svg): body += "<figure class=\"chart\">\n" + svg + "</figure>\n"
                    }
                }
                body += "</div>\n"
            }
        }
        return page(title: title ?? "spets notebook", body: body)
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="spets render">
        <title>\(HTMLRenderer.escape(title))</title>
        <style>
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
        pre { background: #f6f6f6; padding: 0.6rem 0.8rem; overflow-x: auto; font-size: 0.85rem; line-height: 1.35; }
        pre.code { border-left: 3px solid #0072B2; }
        div.output { margin: 0.4rem 0 1.4rem 0; }
        div.output pre { background: #fbfbfb; border-left: 3px solid #ccc; }
        div.output.failed pre { border-left-color: #D55E00; }
        table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.85rem; }
        th, td { border: 1px solid #d0d0d0; padding: 0.15rem 0.5rem; }
        th { background: #f3f3f3; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        p.note { color: #555; font-size: 0.8rem; margin: 0.1rem 0; }
        figure.chart { margin: 0.5rem 0; overflow-x: auto; }
        figure.chart svg { max-width: 100%; height: auto; }
        code { font-size: 0.9em; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
