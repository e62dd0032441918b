// ReportCommand.swift — `report "FILE.md|.html" [for R]`: the yearly follow-up (uppföljning) of a
// region — its goals, their indicators over time, the latest specialisation and shift-share —
// each with its method line. Deterministic: no date unless `dated`.
import Glibc
import SpetsCore

public struct ReportCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "report", usage: "report \"FILE.md|.html\" [for R] [dated]", summary: "a follow-up report (goals, indicators, specialisation, shift-share)", summarySV: "en uppföljningsrapport (mål, indikatorer, specialisering, shift-share)", journaled: true, contained: false, takesPath: true, node: ReportCommand.self)
    public var path: NameRef
    public var region: NameRef?
    public var dated: Bool

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> ReportCommand { try p.parseReport() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        try e.session.report(path: path, file: try e.session.outputPath(path), region: region, dated: dated)
    }
}

extension Parser {
    /// report = "report" STRING [ "for" name ] [ "dated" ] ;
    mutating func parseReport() throws(Diagnostic) -> ReportCommand {
        advance()
        let path = try parseOutputPath("a report file (.md or .html)")
        var region: NameRef? = nil
        var dated = false
        var spec = VerbTable.named("project")!
        spec.clauses = [ClauseSpec(keyword: "dated", shape: .flag, required: false, help: "")]
        while !atStatementEnd {
            if match(word: "for") { region = try parseMultiwordName(spec); continue }
            if match(word: "dated") { dated = true; continue }
            throw error(.unexpected4, describe(peek), help: "usage: report \"FILE.md|.html\" [replace] [for R] [dated]")
        }
        return ReportCommand(path: path, region: region, dated: dated)
    }
}

extension Session {
    func report(path: NameRef, file: String, region: NameRef?, dated: Bool) throws(Diagnostic) -> Outcome {
        let html = path.text.lowercased().hasSuffix(".html") || path.text.lowercased().hasSuffix(".htm")
        guard html || path.text.lowercased().hasSuffix(".md") else {
            throw Diagnostic(.reportWrittenMarkdownMdHtml, span: path.span)
        }
        // The dataset: the first goal's (for this region), else the first with industries.
        let resolved: [Goal] = try goals.map { g throws(Diagnostic) in try resolveGoal(g.goal, text: g.text) }
        var cube: Cube? = nil, r: Int32? = nil
        if let region {
            for g in resolved where g.spec.cube.industry != nil {
                if let i = try? resolveRegion(region, in: g.spec.cube), i == g.region { cube = g.spec.cube; r = i; break }
            }
            if cube == nil, let c = datasetOrder.compactMap({ datasets[$0] }).first(where: { $0.industry != nil }) {
                cube = c; r = try resolveRegion(region, in: c)
            }
        } else if let g = resolved.first {
            cube = g.spec.cube; r = g.region
        }
        guard let cube, let r else {
            throw Diagnostic(.nothingReportNoGoalsNo, span: path.span,
                             help: "name the region (`report \"\(path.text)\" for Kalmar`) or define a goal first")
        }
        var s = settings
        s.maxRows = Int.max
        let name = cube.region.display(r)
        var sections: [(String, [Table], String?)] = []
        // Goals.
        let goalTable = try goalsTable(region: r, cube: cube)
        sections.append(("Mål (goals)", goalTable.rowCount > 0 ? [goalTable] : [], goalTable.rowCount > 0 ? nil : "No goals are defined for \(name)."))
        // Each goal's indicator over the observed years.
        var indicatorTables: [Table] = []
        for g in resolved where g.spec.cube === cube && g.region == r {
            let comps = try IndicatorData.series(g.spec, region: r, registry: registry)
            let ys = comps[0].years
            let vals = ys.indices.map { y in IndicatorData.combine(g.spec, comps.map { $0.total[y] }) }
            let keep = ys.indices.filter { !vals[$0].isNaN }
            indicatorTables.append(Table(columns: [
                Column("year", .number(keep.map { Double(ys[$0]) }), decimals: 0, kind: .key),
                Column(g.name, .number(keep.map { vals[$0] }), decimals: g.spec.kind == .ratio || g.spec.kind == .share ? 4 : nil),
            ], footer: ["\(g.spec.text) for \(name)"]))
        }
        sections.append(("Indikatorer (indicators)", indicatorTables, indicatorTables.isEmpty ? "No indicators: define goals to follow." : nil))
        // Specialisation in the latest year and shift-share over the last ten years.
        let years = cube.distinctYears
        if let last = years.last, let m = cube.measures.first.map({ _ in 0 }) {
            var lqq = LQRequest(measure: m, year: last, regions: [r])
            lqq.reference = .levelSum
            let lq = try LocationQuotient.compute(cube, lqq, registry: registry)
            let top = lq.sorted(by: lq.columnIndex("lq")!, descending: true).head(10)
            sections.append(("Specialisering \(last) (location quotients, top 10)", [top], nil))
            if let first = years.first(where: { $0 >= last - 10 }), first < last {
                var ss = ShiftShareRequest(measure: m, from: first, to: last)
                ss.regions = [r]
                sections.append(("Strukturomvandling \(first)–\(last) (shift-share)", [try ShiftShare.compute(cube, ss, registry: registry)], nil))
            }
        }
        // Render.
        var body = ""
        let title = "Uppföljning: \(name)"
        if html {
            body += "<h1>\(HTMLRenderer.escape(title))</h1>\n"
            body += "<p>Dataset \(HTMLRenderer.escape(cube.name)) (\(HTMLRenderer.escape(cube.source)))\(dated ? ", " + today() : "").</p>\n"
            for (h, tables, note) in sections {
                body += "<h2>\(HTMLRenderer.escape(h))</h2>\n"
                if let note { body += "<p>\(HTMLRenderer.escape(note))</p>\n" }
                for t in tables { body += OutputFormat.html.render(t, s) }
            }
                        do { try FileIO.write(file, HTMLRenderer.page(title: title, body: body)) } catch { throw error.at(path.span) }
        } else {
            body += "# \(title)\n\nDataset \(cube.name) (\(cube.source))\(dated ? ", " + today() : "").\n"
            for (h, tables, note) in sections {
                body += "\n## \(h)\n\n"
                if let note { body += note + "\n" }
                for t in tables { body += OutputFormat.markdown.render(t, s) + "\n" }
            }
                        do { try FileIO.write(file, body) } catch { throw error.at(path.span) }
        }
        wrote(file)
        return Outcome(messages: ["report for \(name) written to \(path.text)"])
    }

    /// `dated`: the date the report was made (only when asked: output stays reproducible).
    func today() -> String {
        var t = time(nil)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tmv.tm_year + 1900)-\(two(tmv.tm_mon + 1))-\(two(tmv.tm_mday))"
    }
}
