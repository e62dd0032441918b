// StrengthsCommand.swift — `strengths R on D.M in YEAR and P.M in Y0..Y1 for ORG`: per
// knowledge area, the region's industrial specialisation beside the organisation's research
// activity.
import SpetsCore

/// `strengths Kalmar on se.employment in 2023 and pubs.publications in 2015..2022 for LNU`
public struct StrengthsCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "strengths", usage: "strengths R on D.M in YEAR and P.M in Y0..Y1 for ORG",
                summary: "per knowledge area: the region's LQ beside the organisation's activity index (industrial and research strengths)", summarySV: "per kunskapsområde: regionens LQ bredvid lärosätets aktivitetsindex (styrkeområden i näringsliv och forskning)", journaled: true, yieldsTable: true, node: StrengthsCommand.self)

    public var region: NameRef
    public var industry: MeasureRef
    public var year: Int
    public var research: MeasureRef
    public var window: ClosedRange<Int>
    public var organisation: NameRef

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> StrengthsCommand { try p.parseStrengths() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { Outcome(table: try e.session.strengths(self)) }
}

extension Parser {
    /// strengths = "strengths" name "on" measure_ref "in" YEAR "and" measure_ref "in" YEAR ".." YEAR "for" name ;
    mutating func parseStrengths() throws(Diagnostic) -> StrengthsCommand {
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
        guard a <= b else { throw error(.windowRunsBackwards, a, b, at: previous) }
        try expect(word: "for", "before the organisation")
        let org = try parseMultiwordName(Self.nameStops([]))
        return StrengthsCommand(region: region, industry: industry, year: year, research: research, window: a...b, organisation: org)
    }
}

extension Session {
    /// `strengths R on D.M in YEAR and P.M in Y0..Y1 for ORG`: per linked knowledge area, the
    /// region's LQ (industry) beside the organisation's activity index (research).
    func strengths(_ s: StrengthsCommand) throws(Diagnostic) -> Table {
        guard !fieldLinks.isEmpty else {
            throw Diagnostic(.noResearchFieldsLinkedKnowledge, span: s.region.span,
                             help: "link them first:  link fields to areas preset kalmar  (or a CSV of your own)")
        }
        // Industry side: the areas of the same names, defined or taken from the presets.
        var areaList: [Area] = [], fromPresets: [String] = []
        for l in fieldLinks {
            if let a = areas[l.area] { areaList.append(a); continue }
            guard presets().contains(where: { $0.name == l.area }) else {
                throw Diagnostic(.knowledgeAreaLinkedResearchFields, l.area, span: s.region.span,
                                 help: "define it:  area \(l.area) = industries …")
            }
            try defineArea(NameRef(text: l.area, span: s.region.span), .preset(NameRef(text: l.area, span: s.region.span)), text: "area \(l.area) = preset \(l.area)", persist: false)
            areaList.append(areas[l.area]!)
            fromPresets.append(l.area)
        }
        let (cube, m) = try measure(s.industry)
        let region = try resolveRegion(s.region, in: cube)
        guard cube.distinctYears.contains(s.year) else { throw Diagnostic(.noObservations, s.year, cube.name, span: s.industry.span) }
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
              let areaCol = lqTable.columnIndex("area") else { throw Diagnostic(.internalStrengthsTables) }
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
