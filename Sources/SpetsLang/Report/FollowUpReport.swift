// FollowUpReport.swift — what the yearly follow-up (uppföljning) of a region holds: its goals,
// each goal's indicator projected to the target year against the goal, the latest
// specialisation, the portfolio and the shift-share over the window. Every part is a
// statement an analyst could type (listed at the end of the report), run through the same
// evaluator, so the report cannot say what the shell would not.
import SpetsCore

struct ReportWindow {
    var from: Int?
    var to: Int?
}

extension Session {
    func followUp(region: NameRef?, window: ReportWindow, at span: Range<Int>) throws(Diagnostic) -> ReportDocument {
        // The dataset: the first goal's (for this region), else the first with industries.
        let resolved: [(Goal, GoalCommand)] = try goals.map { g throws(Diagnostic) in (try resolveGoal(g.goal, text: g.text), g.goal) }
        var cube: Cube? = nil, r: Int32? = nil
        if let region {
            for (g, _) in resolved where g.spec.cube.industry != nil {
                if let i = try? resolveRegion(region, in: g.spec.cube), i == g.region { cube = g.spec.cube; r = i; break }
            }
            if cube == nil, let c = datasetOrder.compactMap({ datasets[$0] }).first(where: { $0.industry != nil }) {
                cube = c; r = try resolveRegion(region, in: c)
            }
        } else if let (g, _) = resolved.first {
            cube = g.spec.cube; r = g.region
        }
        guard let cube, let r else {
            throw Diagnostic(.nothingReportNoGoalsNo, span: span,
                             help: "name the region (`report \"FILE.md\" for Kalmar`) or define a goal first")
        }
        let lang = settings.language
        let name = cube.region.display(r)
        let code = Self.word(cube.region.labels[Int(r)])
        guard let measure = cube.measures.first else { throw Diagnostic(.nothingReportNoGoalsNo, span: span) }
        let m = cube.name + "." + measure.name
        // The measure and what is made of it (a shift-share's parts) in the measure's own
        // terms: whole numbers when the data are whole, else one decimal; never an index's three.
        let measureColumns: Set<String> = [measure.name, "base", "end", "national_share", "industry_mix", "regional_shift", "change"]
        let wholeData = measure.values.allSatisfy { $0.isNaN || $0 == $0.rounded() }
        func present(_ t: Table) -> Table {
            ReportFormat.present(t, counts: wholeData ? measureColumns : [], amounts: wholeData ? [] : measureColumns, lang)
        }
        var statements: [String] = []
        func run(_ text: String) throws(Diagnostic) -> Table {
            statements.append(text)
            // An error of the report's own statement is the report's: the caret under it, and
            // the statement named (its text is not the user's line).
            func own(_ d: Diagnostic) -> Diagnostic {
                var d = d
                d.span = span
                d.help = "in the report's statement  \(text)" + (d.help.map { "; " + $0 } ?? "")
                return d
            }
            let parsed = Parser.parse(text)
            if let d = parsed.diagnostics.first { throw own(d) }
            do throws(Diagnostic) {
                guard parsed.statements.count == 1, let t = try execute(parsed.statements[0]).table else {
                    throw Diagnostic(.statementGivesNoTableDraw, span: span)
                }
                return t
            } catch { throw own(error) }
        }
        func chart(_ kind: String, _ t: Table, targets: [ChartTarget] = []) throws(Diagnostic) -> String {
            var o = ChartOptions()
            o.language = lang
            o.locale = settings.locale
            o.targets = targets
            return try ChartKind.named(kind)!.render(t, o)
        }

        // The window: the latest year the region's industries are in (a year with totals only
        // is passed over, and said so), and ten years before it unless `from` says.
        let years = Self.completeYears(cube, region: r)
        var intro: [String] = []
        guard let latestComplete = years.complete.last else {
            throw Diagnostic(.reportNoCompleteYear, name, cube.name, span: span)
        }
        var last = latestComplete
        if let to = window.to {
            guard years.complete.contains(to) else {
                throw Diagnostic(.reportYearIncomplete, String(to), name, years.industries[to].map(String.init) ?? "0", String(years.best), String(latestComplete), span: span)
            }
            last = to
        } else if let newest = years.all.last, newest > latestComplete {
            intro.append("the data's latest year, \(newest), holds \(years.industries[newest] ?? 0) of \(years.best) industries for \(name) (totals only); this report uses \(latestComplete), the latest complete year")
        }
        // The start: ten years back, at the first year in which the region is complete and the
        // reference has the regions it has at the end (a year most regions lack would make the
        // window's reference a different, smaller set of regions).
        let first: Int
        let regionsAtEnd = years.regions[last] ?? 0
        if let from = window.from {
            guard from < last else { throw Diagnostic(.mustComeBefore, String(from), String(last), span: span) }
            guard years.complete.contains(from) else {
                throw Diagnostic(.reportFromIncomplete, String(from), name, years.industries[from].map(String.init) ?? "0", String(years.best),
                                 years.complete.first.map(String.init) ?? "–", span: span)
            }
            first = from
            if let n = years.regions[from], n < regionsAtEnd {
                intro.append("in \(from) only \(n) of the \(regionsAtEnd) regions of \(last) have data: the window's reference is those \(n)")
            }
        } else {
            let candidates = years.complete.filter { $0 >= last - 10 && $0 < last }
            first = candidates.first { (years.regions[$0] ?? 0) >= regionsAtEnd } ?? last
            if let early = candidates.first, early < first {
                intro.append("the window starts in \(first): before it, fewer regions than in \(last) have data (\(years.regions[early] ?? 0) of \(regionsAtEnd) in \(early))")
            }
        }
        intro.insert("dataset \(cube.name) (\(FileIO.displayName(cube.source))), \(measure.name), \(first)–\(last)", at: 0)

        var sections: [ReportSection] = []
        var appendix: [(String, Table)] = []
        // Goals, and each goal's indicator to its target year.
        let mine = resolved.filter { $0.0.spec.cube === cube && $0.0.region == r }
        var goalsSection = ReportSection(heading: "Goals")
        if mine.isEmpty {
            goalsSection.notes.append("no goals are defined for \(name)")
        } else {
            statements.append("goals")
            // The goal's own values as its indicator is read: a count whole (shares say so).
            let counts = mine.allSatisfy { $0.0.spec.kind == .measure || $0.0.spec.kind == .areaSum }
            goalsSection.tables.append(ReportFormat.present(try goalsTable(region: r, cube: cube), counts: counts ? ["latest", "target", "projected"] : [], lang))
        }
        sections.append(goalsSection)
        var indicators = ReportSection(heading: "Indicators")
        for (g, written) in mine {
            let projection = try run("project \(written.indicator.text) for \(code) to \(g.year)")
            let target = ChartTarget(name: g.name, op: g.direction.rawValue, value: g.target, year: g.year)
            indicators.figures.append((try chart("line", projection, targets: [target]), "line chart of \(g.name): \(written.indicator.text) for \(name), observed and projected to \(g.year), against the goal"))
            appendix.append(("\(g.name): \(written.indicator.text) for \(name), observed and projected",
                             ReportFormat.present(projection, lang)))
        }
        if mine.isEmpty { indicators.notes.append("no indicators: define goals to follow") }
        sections.append(indicators)

        // Specialisation in the last year: the ten highest LQs; all in the appendix.
        let lq = try run("lq \(m) in \(last) for \(code) | sort lq desc")
        var spec = ReportSection(heading: "Specialisation \(last) (location quotients, top 10)")
        spec.tables.append(present(lq.head(10)))
        if lq.rowCount > 10 { spec.notes.append("the ten industries with the highest LQ; all \(lq.rowCount) are in the appendix") }
        sections.append(spec)
        appendix.append(("Specialisation \(last) (location quotients)", present(lq)))

        if first < last {
            let portfolio = try run("portfolio \(m) from \(first) to \(last) for \(code)")
            var p = ReportSection(heading: "Portfolio \(first)–\(last)")
            p.figures.append((try chart("bubble", portfolio), "bubble chart of the portfolio of \(name), \(measure.name) \(first)→\(last)"))
            sections.append(p)
            appendix.append(("Portfolio \(first)–\(last)", present(portfolio)))

            let ss = try run("shiftshare \(m) from \(first) to \(last) for \(code) | sort regional_shift desc")
            var sh = ReportSection(heading: "Structural change \(first)–\(last) (shift-share, top 10)")
            // The ten industries with the largest regional shift, then the region's total.
            let ic = ss.columnIndex("industry")
            let totals = ic.map { c in (0..<ss.rowCount).filter { ss.columns[c].machineText($0) == "TOTAL" } } ?? []
            let industries = (0..<ss.rowCount).filter { !totals.contains($0) }
            let top = ss.take(Array(industries.prefix(10)))
            sh.figures.append((try chart("stacked", top), "bar chart of the shift-share of \(name), \(measure.name) \(first)→\(last)"))
            sh.tables.append(present(ss.take(Array(industries.prefix(10)) + totals)))
            if industries.count > 10 { sh.notes.append("the ten industries with the largest regional shift, and the total; all \(industries.count) are in the appendix") }
            sections.append(sh)
            appendix.append(("Structural change \(first)–\(last) (shift-share)", present(ss)))
        }
        // The definitions the report rests on, from the session's journal, before its own
        // statements; a file is named by its name only (no folder of this machine).
        let definitionWords: Set<String> = ["load", "fetch", "area", "indicator", "goal", "scenario", "group", "link", "let", "set"]
        let defined = ((try? workspace.journal()) ?? []).filter { line in
            definitionWords.contains(line.split(separator: " ").first.map { $0.lowercased() } ?? "")
        }
        statements.insert(contentsOf: defined.map(Self.withoutFolders), at: 0)
        return ReportDocument(region: name, title: "Follow-up: \(name)", intro: intro, sections: sections, appendix: appendix, statements: statements)
    }

    /// `load "/home/me/data/x.csv"` → `load "x.csv"`: a quoted data file by its name.
    static func withoutFolders(_ statement: String) -> String {
        var out = "", inQuote = false, current = ""
        for ch in statement {
            if ch == "\"" {
                if inQuote {
                    let ext = current.split(separator: ".").last.map { $0.lowercased() } ?? ""
                    out += FileIO.fileExtensions.contains(ext) ? FileIO.displayName(current) : current
                    current = ""
                }
                inQuote.toggle()
                out.append(ch)
            } else if inQuote { current.append(ch) } else { out.append(ch) }
        }
        return out + current
    }

    /// A region code as the language reads it: quoted unless it is one word.
    static func word(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(s.first?.isNumber ?? true) ? s : "\"" + s.replacingAll("\"", with: "") + "\""
    }

    /// The region's years, and which of them hold its industries: a year with fewer than half
    /// the industries of the region's best year (a year of totals only) is not complete.
    /// Also how many regions have data each year (the reference's size).
    static func completeYears(_ c: Cube, region r: Int32) -> (all: [Int], complete: [Int], industries: [Int: Int], best: Int, regions: [Int: Int]) {
        guard c.industry != nil, let values = c.measures.first?.values else { return (c.distinctYears, c.distinctYears, [:], 0, [:]) }
        var seen: [Int: Set<Int32>] = [:], present: [Int: Set<Int32>] = [:]
        for k in 0..<c.count where !values[k].isNaN {
            present[Int(c.years[k]), default: []].insert(c.regionCodes[k])
            if c.regionCodes[k] == r { seen[Int(c.years[k]), default: []].insert(c.industryCodes[k]) }
        }
        let counts = seen.mapValues(\.count)
        let best = counts.values.max() ?? 0
        let all = counts.keys.sorted()
        return (all, all.filter { counts[$0]! * 2 >= best && counts[$0]! >= 2 }, counts, best, present.mapValues(\.count))
    }
}
