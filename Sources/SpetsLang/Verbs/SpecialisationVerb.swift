// SpecialisationVerb.swift — `specialisation`: one row per region: Krugman, Hachman, Herfindahl, entropy, related and unrelated variety.
import SpetsCore

extension VerbTable {
    static let specialisationVerb = VerbSpec(name: "specialisation", summary: "one row per region: Krugman, Hachman, Herfindahl, entropy, related and unrelated variety",
             usage: "specialisation D.M in YEAR [for R, …] [vs rest | vs mean | vs R] [half] [nats] [groups \"FILE.csv\"] [by area] [level …] [industries …] [missing skip|zero]",
             takesMeasure: true,
             clauses: [
                inYear, forRegions,
                ClauseSpec(keyword: "vs", shape: .reference(allowsMean: true), required: false,
                           help: "reference for Krugman and Hachman: default level sum; `rest`; `mean` (unweighted mean of the other regions' shares); a region"),
                half,
                ClauseSpec(keyword: "nats", shape: .flag, required: false, help: "entropy and variety in nats (default bits)"),
                ClauseSpec(keyword: "groups", shape: .path, required: false, help: "CSV of industry,group for related/unrelated variety (default: registry parents)"),
                byArea, level, industries, missing,
             ],
             details: ["Columns: region, krugman, hachman, herfindahl, herfindahl_norm, entropy, related_variety, unrelated_variety.",
                       "entropy = related_variety + unrelated_variety exactly."],
             run: { s, call throws(Diagnostic) in try Verbs.specialisation(s, call) })
}

extension Verbs {
    static func specialisation(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        var q = SpecialisationRequest(measure: m, year: try year(call.clause("in")!, in: cube))
        q.scope = try scope(s, call, cube)
        q.half = call.clause("half") != nil
        q.nats = call.clause("nats") != nil
        if let g = call.clause("groups"), case .string(let path) = g.value {
            q.groups = try loadGroups(path)
            q.groupsSource = path.text
        }
        do { return try Specialisation.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }
}
