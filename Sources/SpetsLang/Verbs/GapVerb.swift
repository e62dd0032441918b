// GapVerb.swift — `gap`: a region's productivity level against the reference: industry mix, within-industry, allocative.
import SpetsCore

extension VerbTable {
    static let gapVerb = VerbSpec(name: "gap", summary: "a region's productivity level against the reference: industry mix, within-industry, allocative",
             usage: "gap D.VA per D.EMP in YEAR [for R, …] [vs rest | vs R] [method three-term|two-term] [by area] [level …] [industries …] [missing skip|zero]",
             takesMeasure: true,
             clauses: [perMeasure, inYear, forRegions,
                       ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false, help: "reference: level sum (default), rest, or a region"),
                       ClauseSpec(keyword: "method", shape: .word(GapMethod.allCases.map(\.rawValue)), required: false,
                                  help: "three-term (default) or two-term (regional weights in the differential)"),
                       byArea, level, industries, missing],
             details: ["Columns: [region,] industry, industry_mix, within_differential, allocative, p_region, p_reference."],
             run: { s, call throws(Diagnostic) in try Verbs.gap(s, call) })
}

extension Verbs {
    static func gap(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, va, emp) = try ratio(s, call)
        var q = GapRequest(valueAdded: va, employment: emp, year: try year(call.clause("in")!, in: cube))
        q.scope = try scope(s, call, cube)
        q.method = method(call, GapMethod.self) ?? .threeTerm
        do { return try ProductivityGap.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }
}
