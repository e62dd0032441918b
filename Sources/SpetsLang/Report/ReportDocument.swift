// ReportDocument.swift — a follow-up report as data: sections of notes, charts and tables, an
// appendix with every row, and the statements behind it; written as Markdown (charts in a
// `NAME.files` folder beside it, linked by relative paths) or as one HTML page (charts inline).
// Words are English here and pass through the catalogue, so a report is in one language.
import SpetsCore

struct ReportSection {
    var heading: String
    var notes: [String] = []
    /// Charts as SVG documents, with the text a reader without images sees.
    var figures: [(svg: String, caption: String)] = []
    var tables: [Table] = []
}

struct ReportDocument {
    var region: String
    var title: String
    var intro: [String]
    var sections: [ReportSection]
    var appendix: [(heading: String, table: Table)]
    /// What the report ran, in order: a reader can type them and get every number.
    var statements: [String]

    /// Markdown, and the chart files it links (`kalmar.files/figure-1.svg`).
    func markdown(_ s: RenderSettings, figureFolder: String) -> (text: String, figures: [(name: String, svg: String)]) {
        let lang = s.language
        func w(_ english: String) -> String { Self.sentence(Catalogue.text(english, lang)) }
        var out = "# \(w(title))\n\n" + intro.map(w).joined(separator: "  \n") + "\n"
        var figures: [(String, String)] = []
        func tables(_ ts: [Table]) { for t in ts { out += "\n" + OutputFormat.markdown.render(t, s) } }
        for sec in sections {
            out += "\n## \(w(sec.heading))\n"
            for n in sec.notes { out += "\n" + MarkdownRenderer.tagsInert(w(n)) + "\n" }
            for f in sec.figures {
                let name = "figure-\(figures.count + 1).svg"
                figures.append((name, f.svg))
                let target = figureFolder + "/" + name
                // A target with a space or a bracket is written `<…>`, as CommonMark reads it.
                let link = target.contains(where: { " ()<>".contains($0) }) ? "<" + target.replacingAll(">", with: "%3E").replacingAll("<", with: "%3C") + ">" : target
                out += "\n![\(MarkdownRenderer.tagsInert(w(f.caption)))](\(link))\n"
            }
            tables(sec.tables)
        }
        if !appendix.isEmpty {
            out += "\n## \(w("Appendix: every row"))\n"
            for a in appendix { out += "\n### \(Catalogue.text(a.heading, lang))\n"; tables([a.table]) }
        }
        out += "\n## \(w("Statements behind this report"))\n\n\(w(Self.statementsNote))\n\n```spets\n" + statements.joined(separator: "\n") + "\n```\n"
        return (out, figures)
    }

    /// One self-contained HTML page: charts inline, nothing fetched.
    func html(_ s: RenderSettings) -> String {
        let lang = s.language
        func w(_ english: String) -> String { HTMLRenderer.escape(Self.sentence(Catalogue.text(english, lang))) }
        var body = "<h1>\(w(title))</h1>\n" + intro.map { "<p>\(w($0))</p>\n" }.joined()
        for sec in sections {
            body += "<h2>\(w(sec.heading))</h2>\n"
            for n in sec.notes { body += "<p>\(w(n))</p>\n" }
            for f in sec.figures { body += "<figure class=\"chart\" aria-label=\"\(w(f.caption))\">\n\(Self.inline(f.svg))</figure>\n" }
            for t in sec.tables { body += OutputFormat.html.render(t, s) }
        }
        if !appendix.isEmpty {
            body += "<h2>\(w("Appendix: every row"))</h2>\n"
            for a in appendix { body += "<h3>\(HTMLRenderer.escape(Catalogue.text(a.heading, lang)))</h3>\n" + OutputFormat.html.render(a.table, s) }
        }
        body += "<h2>\(w("Statements behind this report"))</h2>\n<p>\(w(Self.statementsNote))</p>\n<pre><code>"
            + HTMLRenderer.escape(statements.joined(separator: "\n")) + "</code></pre>\n"
        return HTMLRenderer.page(title: Catalogue.text(title, lang), body: body, language: lang.rawValue)
    }

    static let statementsNote = "in a fresh session, from the folder of the data files, these statements give every number of this report"

    /// A line as a sentence: its first letter upper-case.
    static func sentence(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// An SVG document without its XML declaration, to sit inside HTML.
    static func inline(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.firstRange(of: "?>") else { return svg }
        return String(svg[end.upperBound...].drop { $0 == "\n" })
    }
}

/// How a report shows numbers (`NumberRole`): counts as integers, growth rates and shares as
/// percentages with one decimal, indices with three; headers as words.
enum ReportFormat {
    /// `counts` and `amounts` name columns whose role the table cannot tell (a goal's values,
    /// the measure and its decomposition).
    static func present(_ t: Table, counts: Set<String> = [], amounts: Set<String> = [], _ lang: Language) -> Table {
        var t = t
        // A key that is the same on every row (the region, the year) is in the heading; a
        // column with no value says nothing.
        let rows = t.rowCount
        t.columns.removeAll { c in
            guard rows > 1 else { return false }
            if c.kind == .key { return (1..<rows).allSatisfy { c.machineText($0) == c.machineText(0) } }
            if case .number(let v) = c.values { return v.allSatisfy(\.isNaN) }
            return false
        }
        for i in t.columns.indices {
            var c = t.columns[i]
            let role = counts.contains(c.name) ? .count : amounts.contains(c.name) ? .amount : c.numberRole
            if !c.literalName {
                let h = Catalogue.header(c.name, lang)
                c.name = h != c.name ? h : c.name.replacingAll("_", with: " ")
                c.literalName = true
            }
            switch role {
            case .share?:
                if case .number(let v) = c.values { c.values = .number(v.map { $0 * 100 }) }
                c.unit = "%"
                c.decimals = 1
            case .count?: c.decimals = 0
            case .amount?: c.decimals = 1
            case .index?: c.decimals = 3
            case .key?, nil: break
            }
            t.columns[i] = c
        }
        return t
    }
}
