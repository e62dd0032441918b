// LorenzVerb.swift — `lorenz`: one industry's Lorenz curve: regions by LQ, cumulative shares (the curve behind the locational Gini).
import SpetsCore

extension VerbTable {
    static let lorenzVerb = VerbSpec(name: "lorenz", summary: "one industry's Lorenz curve: regions by LQ, cumulative shares (the curve behind the locational Gini)",
             usage: "lorenz D.M in YEAR industry CODE [level …]",
             takesMeasure: true,
             clauses: [inYear, ClauseSpec(keyword: "industry", shape: .industries, required: true, help: "the industry (one code)"), level],
             details: ["Columns: region, <measure>, lq, cum_total, cum_industry (regions by LQ ascending). `plot … as lorenz` draws it."],
             run: { s, call throws(Diagnostic) in try Verbs.lorenz(s, call) })
}

extension Verbs {
    static func lorenz(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        let y = try year(call.clause("in")!, in: cube)
        let c = call.clause("industry")!
        guard case .items(let items) = c.value, items.count == 1, case .code(let code) = items[0].item else {
            throw Diagnostic(.drawsOneIndustry, span: c.span)
        }
        do { return try Localisation.curve(cube, measure: m, year: y, industry: code, regionLevel: try regionLevel(call), registry: s.registry) }
        catch { throw error.at(items[0].span) }
    }
}
