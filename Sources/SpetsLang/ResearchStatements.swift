// ResearchStatements.swift — research strengths in the language: the `activity` and `impact`
// verbs, `link fields to areas` (research fields → knowledge areas) and `strengths` (research
// specialisation beside industrial specialisation, per knowledge area).
import SpetsCore

extension Session {
    /// The research-field registry (names for codes), read on first use.
    func researchFields() -> ResearchFields {
        if let f = researchFieldCache { return f }
        var f = ResearchFields()
        if let dir = researchDirectory, let bytes = try? FileIO.read(dir + "/fields.csv"),
           let read = try? ResearchFields.read(bytes, file: dir + "/fields.csv") { f = read }
        researchFieldCache = f
        return f
    }

    /// `link fields to areas "FILE.csv"` or `… preset NAME` (datasets/research/links-NAME.csv):
    /// rows `area, title, fields` with the fields separated by spaces.
    func linkFields(file: NameRef?, preset: NameRef?, text: String, persist: Bool = true) throws(Diagnostic) -> Outcome {
        let path: String, span: Range<Int>
        if let file { path = file.text; span = file.span } else {
            let p = preset!
            let available = researchDirectory.map { dir in FileIO.list(dir).map(\.name).filter { $0.hasPrefix("links-") && $0.hasSuffix(".csv") } } ?? []
            guard let dir = researchDirectory, available.contains("links-\(p.text.lowercased()).csv") else {
                let names = available.map { String($0.dropFirst(6).dropLast(4)) }
                throw Diagnostic(message: "no link preset `\(p.text)`", span: p.span,
                                 help: names.isEmpty ? "no presets found (datasets/research)" : "presets: " + names.joined(separator: ", "),
                                 candidates: Text.suggestions(for: p.text, among: names))
            }
            path = dir + "/links-\(p.text.lowercased()).csv"; span = p.span
        }
        let rows: [[String]]
        do { rows = try CSVText.rows(try FileIO.read(path), file: path).1 } catch { throw error.at(span) }
        guard let header = rows.first, let ai = header.firstIndex(of: "area"), let fi = header.firstIndex(of: "fields") else {
            throw Diagnostic(message: "\(path) needs the columns area and fields (and optionally title)", span: span)
        }
        let ti = header.firstIndex(of: "title")
        var links: [FieldLink] = []
        for (n, r) in rows.dropFirst().enumerated() where r.count > max(ai, fi) {
            let fields = Set(r[fi].split(whereSeparator: { $0 == " " || $0 == ";" }).map(String.init))
            guard !r[ai].isEmpty, !fields.isEmpty else {
                throw Diagnostic(message: "\(path): row \(n + 2) has no area or no fields", span: span)
            }
            links.append(FieldLink(area: r[ai], title: ti.map { r[$0] } ?? r[ai], fields: fields))
        }
        guard !links.isEmpty else { throw Diagnostic(message: "\(path) links no fields to areas", span: span) }
        fieldLinks = links
        if persist { try workspace.setDefinition(name: "(field links)", kind: "link", statement: text) }
        return Outcome(messages: ["linked research fields to \(plural(links.count, "area")): " + links.map(\.area).joined(separator: ", ")])
    }

    /// `strengths R on D.M in YEAR and P.M in Y0..Y1 for ORG`: per linked knowledge area, the
    /// region's LQ (industry) beside the organisation's activity index (research).
    func strengths(_ s: StrengthsSpec) throws(Diagnostic) -> Table {
        guard !fieldLinks.isEmpty else {
            throw Diagnostic(message: "no research fields are linked to knowledge areas", span: s.region.span,
                             help: "link them first:  link fields to areas preset kalmar  (or a CSV of your own)")
        }
        // Industry side: the areas of the same names, defined or taken from the presets.
        var areaList: [Area] = [], fromPresets: [String] = []
        for l in fieldLinks {
            if let a = areas[l.area] { areaList.append(a); continue }
            guard presets().contains(where: { $0.name == l.area }) else {
                throw Diagnostic(message: "knowledge area `\(l.area)` is linked to research fields but not defined for industries", span: s.region.span,
                                 help: "define it:  area \(l.area) = industries …")
            }
            try defineArea(NameRef(text: l.area, span: s.region.span), .preset(NameRef(text: l.area, span: s.region.span)), text: "area \(l.area) = preset \(l.area)", persist: false)
            areaList.append(areas[l.area]!)
            fromPresets.append(l.area)
        }
        let (cube, m) = try measure(s.industry)
        let region = try resolveRegion(s.region, in: cube)
        guard cube.distinctYears.contains(s.year) else { throw Diagnostic(message: "no observations for \(s.year) in \(cube.name)", span: s.industry.span) }
        var lqReq = LQRequest(measure: m, year: s.year)
        lqReq.regions = [region]
        lqReq.industries = .areas(areaList)
        let lqTable: Table
        do { lqTable = try LocationQuotient.compute(cube, lqReq, registry: registry) } catch { throw error.at(s.industry.span) }
        // Research side.
        let (pubs, pm) = try measure(s.research)
        let org = try resolveRegion(s.organisation, in: pubs)
        var aReq = ActivityRequest(measure: pm, window: s.window)
        aReq.organisations = [org]
        aReq.areas = fieldLinks
        let aTable: Table
        do { aTable = try Research.activity(pubs, aReq, fields: researchFields()) } catch { throw error.at(s.research.span) }
        guard let lqc = lqTable.columnIndex("lq"), case .number(let lqs) = lqTable.columns[lqc].values,
              let ac = aTable.columnIndex("activity"), case .number(let ais) = aTable.columns[ac].values,
              let areaCol = lqTable.columnIndex("area") else { throw Diagnostic(message: "internal: strengths tables") }
        var lqByArea: [String: Double] = [:]
        for r in 0..<lqTable.rowCount { lqByArea[lqTable.columns[areaCol].machineText(r)] = lqs[r] }
        var name: [String] = [], title: [String] = [], lq: [Double] = [], act: [Double] = [], verdict: [String] = []
        for (k, l) in fieldLinks.enumerated() {
            let x = lqByArea[l.area] ?? .nan, a = k < ais.count ? ais[k] : .nan
            name.append(l.area); title.append(l.title); lq.append(x); act.append(a)
            verdict.append(!x.isFinite || !a.isFinite ? "–" : x >= 1 && a >= 1 ? "both" : x >= 1 ? "industry" : a >= 1 ? "research" : "neither")
        }
        let window = "\(s.window.lowerBound)–\(s.window.upperBound)"
        var footer = ["strengths of \(cube.region.display(region)) and \(pubs.region.display(org)): LQ of \(cube.measures[m].name) \(s.year) per knowledge area beside the activity index of \(pubs.measures[pm].name) \(window) per linked research area",
                      "strength: both ≥ 1 (industry and research), industry (LQ ≥ 1 only), research (activity ≥ 1 only), neither"]
        footer += lqTable.footer.filter { $0.hasPrefix("reference") }.map { "industry " + $0 }
        footer += aTable.footer.filter { $0.hasPrefix("reference") }.map { "research " + $0 }
        if !fromPresets.isEmpty { footer.append("industry areas from the presets of the same names: " + fromPresets.joined(separator: ", ")) }
        return Table(columns: [Column("area", .text(name), kind: .key), Column("title", .text(title)),
                               Column("lq", .number(lq), decimals: 3), Column("activity", .number(act), decimals: 3),
                               Column("strength", .text(verdict))], footer: footer)
    }
}

/// `strengths Kalmar on se.employment in 2023 and pubs.publications in 2015..2022 for LNU`
public struct StrengthsSpec: Equatable, Sendable {
    public var region: NameRef
    public var industry: MeasureRef
    public var year: Int
    public var research: MeasureRef
    public var window: ClosedRange<Int>
    public var organisation: NameRef
}

extension Parser {
    /// link = "link" "fields" "to" "areas" ( STRING | "preset" NAME ) ;
    mutating func parseLink() throws(Diagnostic) -> StatementKind {
        advance()
        try expect(word: "fields", "after `link` (`link fields to areas …`)")
        try expect(word: "to", "in `link fields to areas`")
        try expect(word: "areas", "in `link fields to areas`")
        if match(word: "preset") { return .link(file: nil, preset: try parseIdentifier("a preset name such as kalmar")) }
        return .link(file: try parseString("a CSV file (area, title, fields) or `preset NAME`"), preset: nil)
    }

    /// strengths = "strengths" name "on" measure_ref "in" YEAR "and" measure_ref "in" YEAR ".." YEAR "for" name ;
    mutating func parseStrengths() throws(Diagnostic) -> StatementKind {
        advance()
        let region = try parseMultiwordName(Self.nameStops(["on"]))
        try expect(word: "on", "after the region (`strengths R on D.M in YEAR and P.M in Y0..Y1 for ORG`)")
        let spec = VerbTable.named("lq")!
        let industry = try parseMeasureRef(spec)
        try expect(word: "in", "before the year of the industry data")
        let year = try parseYear()
        try expect(word: "and", "between the industry and the research side (`… in 2023 and pubs.publications in 2015..2022 for ORG`)")
        let research = try parseMeasureRef(VerbTable.named("activity")!)
        try expect(word: "in", "before the publication years")
        let a = try parseYear()
        var b = a
        if match(symbol: "..") { b = try parseYear() }
        guard a <= b else { throw error("the window \(a)..\(b) runs backwards", at: previous) }
        try expect(word: "for", "before the organisation")
        let org = try parseMultiwordName(Self.nameStops([]))
        return .strengths(StrengthsSpec(region: region, industry: industry, year: year, research: research, window: a...b, organisation: org))
    }
}

extension Verbs {
    static func window(_ c: Clause) -> ClosedRange<Int>? {
        switch c.value {
        case .year(let y): return y...y
        case .yearRange(let a, let b): return a <= b ? a...b : nil
        default: return nil
        }
    }

    static func researchReference(_ s: Session, _ call: VerbCall, _ cube: Cube) throws(Diagnostic) -> ResearchReference {
        guard let v = call.clause("vs") else { return .all }
        switch v.value {
        case .rest: return .rest
        case .name(let n): return .organisation(try s.resolveRegion(n, in: cube))
        default: throw Diagnostic(message: "`vs mean` does not apply to research indicators", span: v.span, help: "use `vs rest` or `vs ORGANISATION`")
        }
    }

    /// What both research verbs read: the dataset and measure, the window, the organisations
    /// and the reference.
    static func researchCall(_ s: Session, _ call: VerbCall) throws(Diagnostic)
        -> (cube: Cube, measure: Int, window: ClosedRange<Int>, organisations: [Int32]?, reference: ResearchReference) {
        let (cube, m) = try s.measure(call.subject!)
        guard let w = window(call.clause("in")!) else { throw Diagnostic(message: "the window runs backwards", span: call.clause("in")!.span) }
        return (cube, m, w, try regions(s, call, cube), try researchReference(s, call, cube))
    }

    static func activity(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m, w, orgs, ref) = try researchCall(s, call)
        var q = ActivityRequest(measure: m, window: w)
        q.organisations = orgs
        q.reference = ref
        q.major = call.clause("level") != nil
        if let by = call.clause("by") {
            guard !s.fieldLinks.isEmpty else {
                throw Diagnostic(message: "no research fields are linked to knowledge areas", span: by.span,
                                 help: "link them first:  link fields to areas preset kalmar  (or a CSV of your own)")
            }
            q.areas = s.fieldLinks
        }
        do { return try Research.activity(cube, q, fields: s.researchFields()) } catch { throw error.at(call.span) }
    }

    static func impact(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, c, w, orgs, ref) = try researchCall(s, call)
        var q = ImpactRequest(citations: c, window: w)
        q.organisations = orgs
        q.reference = ref
        if let wc = call.clause("weight"), case .measure(let ref) = wc.value {
            guard call.clause("full") == nil else { throw Diagnostic(message: "choose one of `weight` and `full`", span: wc.span) }
            let (wcube, wi) = try s.measure(ref)
            guard wcube === cube else { throw Diagnostic(message: "the weight must come from \(cube.name)", span: ref.span) }
            q.weight = wi
        } else if call.clause("full") == nil, let wi = cube.measureIndex("weight"), wi != c {
            q.weight = wi
        }
        do { return try Research.impact(cube, q, fields: s.researchFields()) } catch { throw error.at(call.span) }
    }
}
