// LocalisationVerb.swift — `localisation`: one row per industry: Hoover's localisation coefficient and the locational Gini.
import SpetsCore

extension VerbTable {
    static let localisationVerb = VerbSpec(name: "localisation", summary: "one row per industry: Hoover's localisation coefficient and the locational Gini",
             usage: "localisation D.M in YEAR [half] [by area] [level …] [industries …] [missing skip|zero]",
             takesMeasure: true,
             clauses: [inYear, half, byArea, level, industries, missing],
             details: ["Columns: industry, hoover, gini. Regions: one level (the `level` given, else the level with most regions)."],
             run: { s, call throws(Diagnostic) in try Verbs.localisation(s, call) })
}

extension Verbs {
    static func localisation(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        var q = LocalisationRequest(measure: m, year: try year(call.clause("in")!, in: cube))
        q.half = call.clause("half") != nil
        q.scope = try scope(s, call, cube)
        do { return try Localisation.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }
}
