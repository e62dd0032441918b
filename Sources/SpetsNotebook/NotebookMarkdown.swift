// NotebookMarkdown.swift — a rendered notebook as Markdown: the document as written, each
// spets block followed by its output between markers (text in ```text fences, tables as
// Markdown tables, charts as SVG files beside the page). Reading it back gives the same
// blocks, so `render` may overwrite its own input and `check` can compare.
import SpetsCore

public enum NotebookMarkdown {
    public struct Page {
        public var text: String
        /// Chart files to write: path relative to the page's folder, SVG text.
        public var figures: [(path: String, svg: String)]
    }

    /// The folder for a page's charts: `tutorial.md` → `tutorial.files`.
    public static func figureFolder(forPage name: String) -> String { FileIO.figureFolder(forPage: name) }

    public static func render(_ nb: Notebook, _ results: [BlockResult], pageName: String) -> Page {
        var parts: [String] = []
        var figures: [(String, String)] = []
        var k = 0
        for cell in nb.cells {
            switch cell {
            case .prose(let p): parts.append(p)
            case .code(let c):
                parts.append(([c.fence] + (c.source.isEmpty ? [] : [c.source]) + [c.closingFence]).joined(separator: "\n"))
                let r = results[k]; k += 1
                guard !c.options.contains(.nooutput) else { continue }
                let (text, figs) = output(r, figureStart: figures.count, folder: figureFolder(forPage: pageName))
                figures += figs
                parts.append("")
                parts.append(Notebook.outputStart + "\n" + text + "\n" + Notebook.outputEnd)
            }
        }
        var text = parts.joined(separator: "\n")
        if !text.hasSuffix("\n") { text += "\n" }
        return Page(text: text, figures: figures)
    }

    /// One block's output as the Markdown stored between the markers.
    static func output(_ r: BlockResult, figureStart: Int, folder: String) -> (String, [(String, String)]) {
        var chunks: [String] = []
        var figures: [(String, String)] = []
        for seg in r.segments {
            switch seg {
            case .text(let t):
                let body = t.hasSuffix("\n") ? String(t.dropLast()) : t
                // A fence longer than any run of backticks inside.
                var fence = "```"
                while body.contains(fence) { fence += "`" }
                chunks.append(fence + "text\n" + body + "\n" + fence)
            case .table(let t, var s):
                s.maxRows = Int.max
                var md = OutputFormat.markdown.render(t, s)
                if md.hasSuffix("\n") { md.removeLast() }
                chunks.append(md)
            case .figure(let svg):
                let path = "\(folder)/figure-\(figureStart + figures.count + 1).svg"
                figures.append((path, svg))
                chunks.append("![\(svgTitle(svg))](\(path))")
            }
        }
        return (chunks.joined(separator: "\n\n"), figures)
    }

    /// The chart's <title>, for the image's alternative text.
    static func svgTitle(_ svg: String) -> String {
        guard let a = svg.firstRange(of: "<title>"), let b = svg[a.upperBound...].firstRange(of: "</title>") else { return "chart" }
        return String(svg[a.upperBound..<b.lowerBound]).replacingAll("]", with: ")").replacingAll("[", with: "(")
    }
}
