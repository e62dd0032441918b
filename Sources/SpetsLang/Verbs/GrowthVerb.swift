// GrowthVerb.swift — `growth`: value-added growth = employment growth + productivity growth (logs).
import SpetsCore

extension VerbTable {
    static let growthVerb = VerbSpec(name: "growth", summary: "value-added growth = employment growth + productivity growth (logs)",
             usage: "growth D.VA per D.EMP from Y0 to Y1 [for R, …] [by area] [level …] [industries …] [missing skip|zero]",
             takesMeasure: true,
             clauses: [perMeasure, fromYear, toYear, forRegions, byArea, level, industries, missing],
             details: ["Columns: [region,] industry, dln_va, dln_emp, dln_productivity, emp_share, productivity_share; a TOTAL row per region."],
             run: { s, call throws(Diagnostic) in try Verbs.growth(s, call) })
}

extension Verbs {
    static func growth(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, va, emp) = try ratio(s, call)
        let (a, b) = try years(call, cube)
        var q = GrowthRequest(valueAdded: va, employment: emp, from: a, to: b)
        q.scope = try scope(s, call, cube)
        do { return try GrowthAccounting.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }
}
