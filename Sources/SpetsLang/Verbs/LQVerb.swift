// LQVerb.swift — `lq`: location quotients: each industry's share in a region over its share in the reference.
import SpetsCore

extension VerbTable {
    static let lqVerb = VerbSpec(name: "lq", summary: "location quotients: each industry's share in a region over its share in the reference",
             usage: "lq D.M in YEAR [for R, …] [vs rest | vs R] [with slq, binary] [threshold T] [by area] [level …] [industries …] [missing skip|zero]",
             takesMeasure: true,
             clauses: [
                inYear, forRegions,
                ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false,
                           help: "reference: default the sum of loaded regions at the region's level; `rest` excludes the region; or a region's own row"),
                ClauseSpec(keyword: "with", shape: .words(["slq", "binary"]), required: false, help: "extra columns: slq (symmetric LQ), binary (m = 1 if LQ ≥ threshold)"),
                ClauseSpec(keyword: "threshold", shape: .number, required: false, help: "threshold for `binary` (default 1)"),
                byArea, level, industries, missing,
             ],
             details: ["LQ = (x[r,i] / x[r,·]) / (N[i] / N); LQ > 1 means the industry is more concentrated in the region than in the reference.",
                       "Columns: region, industry, year, <measure>, lq [, m] [, slq]. Missing cells stay missing (–) and are left out of totals."],
             run: { s, call throws(Diagnostic) in try Verbs.lq(s, call) }).comparing(["lq"])
}

extension Verbs {
    static func lq(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        var req = LQRequest(measure: m, year: try year(call.clause("in")!, in: cube))
        req.scope = try scope(s, call, cube)
        if let w = call.clause("with"), case .words(let words) = w.value {
            for x in words { if x.text.lowercased() == "slq" { req.symmetric = true } else { req.binary = true } }
        }
        if let t = call.clause("threshold"), case .number(let v) = t.value {
            guard req.binary else {
                throw Diagnostic(.appliesBinaryColumnAdd, span: t.span)
            }
            req.threshold = v
        }
        do { return try LocationQuotient.compute(cube, req, registry: s.registry) }
        catch { throw error.at(call.span) }
    }
}
