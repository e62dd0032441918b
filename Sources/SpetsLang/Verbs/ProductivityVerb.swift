// ProductivityVerb.swift — `productivity`: productivity change: within industries, structural shift, entry/exit.
import SpetsCore

extension VerbTable {
    static let productivityVerb = VerbSpec(name: "productivity", summary: "productivity change: within industries, structural shift, entry/exit",
             usage: "productivity D.VA per D.EMP from Y0 to Y1 [for R, …] [method three-term|two-term|lmdi] [by area] [level …] [industries …] [missing skip|zero]",
             takesMeasure: true,
             clauses: [perMeasure, fromYear, toYear, forRegions,
                       ClauseSpec(keyword: "method", shape: .word(ProductivityMethod.allCases.map(\.rawValue)), required: false,
                                  help: "three-term (Fagerberg, default), two-term (McMillan-Rodrik), lmdi (LMDI-I)"),
                       byArea, level, industries, missing],
             details: ["Columns: [region,] industry, within, static_shift, dynamic_shift, entry_exit, p0, p1 (two-term: within, structural, entry_exit; lmdi: within, structural, within_log, structural_log)."],
             run: { s, call throws(Diagnostic) in try Verbs.productivity(s, call) })
}

extension Verbs {
    static func productivity(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, va, emp) = try ratio(s, call)
        let (a, b) = try years(call, cube)
        var q = ProductivityRequest(valueAdded: va, employment: emp, from: a, to: b)
        q.scope = try scope(s, call, cube)
        q.method = method(call, ProductivityMethod.self) ?? .threeTerm
        do { return try Productivity.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }
}
