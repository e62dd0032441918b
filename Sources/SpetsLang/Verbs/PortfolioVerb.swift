// PortfolioVerb.swift — `portfolio`: per industry: LQ, its change, regional and national growth, size (the bubble chart's data).
import SpetsCore

extension VerbTable {
    static let portfolioVerb = VerbSpec(name: "portfolio", summary: "per industry: LQ, its change, regional and national growth, size (the bubble chart's data)",
             usage: "portfolio D.M from Y0 to Y1 for R [vs rest | vs R] [by area] [level …] [industries …] [missing skip|zero]",
             takesMeasure: true,
             clauses: [
                fromYear, toYear,
                ClauseSpec(keyword: "for", shape: .regions, required: true, help: "the region"),
                ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false, help: "reference (default: level sum)"),
                byArea, level, industries, missing,
             ],
             details: ["Columns: region, industry, <measure>, lq, lq_change, growth, national_growth."],
             run: { s, call throws(Diagnostic) in try Verbs.portfolio(s, call) })
}

extension Verbs {
    static func portfolio(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        let from = try year(call.clause("from")!, in: cube), to = try year(call.clause("to")!, in: cube)
        guard let rs = try regions(s, call, cube), rs.count == 1 else {
            throw Diagnostic(.oneRegion, span: call.clause("for")!.span)
        }
        var q = PortfolioRequest(measure: m, from: from, to: to, region: rs[0])
        q.scope = try scope(s, call, cube)
        do { return try Portfolio.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }
}
